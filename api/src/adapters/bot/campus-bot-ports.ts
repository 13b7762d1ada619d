import type { ApprovalCardState, BotActor, CampusBotPorts } from '@campus/bot';
import { CampusError } from '../../errors.js';
import type { TeamsConversationStore } from '../../domain/approvals/teams-conversations.js';
import type { Campus } from '../../domain/campus.js';
import type { PeopleDirectory } from '../../domain/people/person.js';
import type { RoleResolver } from '../../domain/people/resolve-roles.js';
import type { Actor } from '../../domain/shared/tenant-scope.js';
import { toCardState } from './approval-card-state.js';
import {
  toBotOpenSession,
  toBotRegistration,
  toBotSession,
  type RegistrationLookups,
} from './bot-registration.js';

export interface CampusBotPortsDeps {
  campus: Campus;
  people: PeopleDirectory;
  resolveRoles: RoleResolver;
  tabUrl: string;
  /** Where the bot keeps people's personal chats, for approval cards posted later. */
  conversations: TeamsConversationStore;
  /** The approvals view of the tab (`${PUBLIC_URL}/?view=approvals`). */
  approvalsUrl: string;
  /** The actionable-message provider id, put on cards answered in Outlook. */
  outlookOriginator: string;
  /** Who must approve a registration, and a decline's comment, for the cards that show registrations. */
  lookups: RegistrationLookups;
}

/** Refusals shown on the card as they are; a decision that lost to another shows the card as it stands instead. */
const showsCurrentCard = new Set(['CAMPUS_ERR_ALREADY_DECIDED', 'CAMPUS_ERR_APPROVAL_CLOSED']);

/**
 * The bot's view of Campus: the same use cases the HTTP routes call. A Teams activity names the user by
 * Entra object id only, so the mail address that Outlook invitations go to comes from the directory.
 */
export function createCampusBotPorts(deps: CampusBotPortsDeps): CampusBotPorts {
  async function toActor(botActor: BotActor): Promise<Actor> {
    const [roles, person] = await Promise.all([
      deps.resolveRoles(botActor, botActor.userId),
      deps.people.findById(botActor, botActor.userId),
    ]);
    return { ...botActor, mail: person?.mail ?? '', roles };
  }

  return {
    async listUpcomingSessions(botActor, limit) {
      const page = await deps.campus.listSessions(await toActor(botActor), { limit, cursor: null });
      return page.items.map(toBotOpenSession);
    },
    async registerForSession(botActor, sessionId) {
      try {
        const actor = await toActor(botActor);
        const { registration, session, position } = await deps.campus.registerForSession(actor, sessionId);
        return {
          outcome: 'registered',
          session: toBotSession(session),
          registration: await toBotRegistration(deps.lookups, actor, registration, position),
        };
      } catch (error) {
        if (error instanceof CampusError && error.statusCode < 500) {
          return { outcome: 'rejected', code: error.code, message: error.message };
        }
        throw error;
      }
    },
    async listMySessions(botActor) {
      const actor = await toActor(botActor);
      const items = await deps.campus.listMySessions(actor);
      return Promise.all(
        items.map(async (item) => ({
          session: toBotSession(item.session),
          registration: await toBotRegistration(deps.lookups, actor, item.registration, item.position),
        })),
      );
    },
    tabUrl: () => deps.tabUrl,

    async decideApproval(botActor, press) {
      const approvals = approvalsOf(deps);
      const actor = { tenantId: botActor.tenantId, userId: botActor.userId };
      try {
        await approvals.decide(
          actor,
          { approvalId: press.approvalId, decision: press.decision, comment: press.comment },
          { signature: press.signature },
        );
        return toCardState(await approvals.view(actor, press.approvalId));
      } catch (error) {
        if (error instanceof CampusError && showsCurrentCard.has(error.code))
          return toCardState(await approvals.view(actor, press.approvalId));
        return refusal(error);
      }
    },
    async showApproval(botActor, approvalId, signature) {
      try {
        return toCardState(await approvalsOf(deps).view(botActor, approvalId, { signature }));
      } catch (error) {
        return refusal(error);
      }
    },
    async rememberConversation(botActor, reference) {
      await deps.conversations.save({
        tenantId: botActor.tenantId,
        userId: botActor.userId,
        reference: { ...reference },
        updatedAt: new Date(),
      });
    },
    approvalsUrl: () => deps.approvalsUrl,
    outlookOriginator: () => deps.outlookOriginator,
  };
}

function approvalsOf(deps: CampusBotPortsDeps) {
  if (!deps.campus.approvals) throw new Error('supervisor approval is not wired into this Campus');
  return deps.campus.approvals;
}

/** A refusal Campus explains (not the approver, an edited card, no such request); other failures are thrown. */
function refusal(error: unknown): ApprovalCardState {
  if (error instanceof CampusError && error.statusCode < 500)
    return { state: 'refused', code: error.code, message: error.message };
  throw error;
}
