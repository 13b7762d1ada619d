import {
  buildRegistrationNoticeCard,
  type BotConversationReference,
  type BotRegistration,
  type BotRegistrationNotice,
} from '@campus/bot';
import type { TeamsConversationStore } from '../../domain/approvals/teams-conversations.js';
import type { Notifier } from '../../domain/registrations/notifier.js';
import type { Registration } from '../../domain/registrations/registration.js';
import type { Session } from '../../domain/sessions/session.js';
import type { TenantScope } from '../../domain/shared/tenant-scope.js';
import { toBotRegistration, toBotSession, type RegistrationLookups } from './bot-registration.js';
import type { TeamsOutbox } from './teams-outbox.js';

export interface TeamsNotifierDeps {
  /** Keeps every notification for the tab; told first, and its failures are the caller's. */
  stored: Notifier;
  /** Records each Teams notice once under its key (a retry of the change records nothing) and posts it later. */
  teams: TeamsOutbox;
  conversations: TeamsConversationStore;
  lookups: RegistrationLookups;
  tabUrl: string;
  logger: { warn(details: object, message: string): void };
}

type NoticeOf = (
  session: BotRegistrationNotice['session'],
  registration: BotRegistration,
) => BotRegistrationNotice;

/**
 * Notifications kept for the tab and, for people who have a personal chat with the bot, also posted to them in Teams
 * as a card (through the same proactive messages as approval cards). A person is told of what happened to them
 * without them: a seat from the waitlist, a supervisor's decision, a cancellation by someone else, a new time, a
 * cancelled session. Their own registering is answered in place, so a waitlist place is only stored.
 *
 * Each Teams notice is recorded in the Teams outbox under a key derived from what it reports (the registration's
 * version, or the new time), so a retry or a second process records it once; the outbox's worker posts it after
 * the request, retrying throttling and outages (see createTeamsOutbox). Only a store failure while recording
 * loses the Teams message (logged): the stored notification still shows in the tab.
 */
export function createTeamsNotifier(deps: TeamsNotifierDeps): Notifier {
  async function post(
    scope: TenantScope,
    registration: Registration,
    session: Session,
    key: string,
    noticeOf: NoticeOf,
  ): Promise<void> {
    const noticeKey = `employee-notice:${registration.id}:${key}`;
    try {
      const conversation = await deps.conversations.find(scope, registration.userId);
      if (!conversation) return;
      const botRegistration = await toBotRegistration(deps.lookups, scope, registration, null);
      const card = buildRegistrationNoticeCard({
        notice: noticeOf(toBotSession(session), botRegistration),
        tabUrl: deps.tabUrl,
      });
      await deps.teams.record(scope, noticeKey, {
        userId: registration.userId,
        reference: conversation.reference as unknown as BotConversationReference,
        card,
      });
    } catch (error) {
      deps.logger.warn(
        {
          notice: noticeKey,
          userId: registration.userId,
          err: { message: error instanceof Error ? error.message : String(error) },
        },
        'the notice could not be recorded for Teams; the stored notification carries it',
      );
    }
  }
  const version = (registration: Registration) => `v${registration.version}`;

  return {
    registrationWaitlisted: (scope, registration, session, position) =>
      deps.stored.registrationWaitlisted(scope, registration, session, position),
    async registrationPromoted(scope, registration, session) {
      await deps.stored.registrationPromoted(scope, registration, session);
      await post(scope, registration, session, `promoted:${version(registration)}`, (bot, state) => ({
        kind: 'promoted',
        session: bot,
        registration: state,
      }));
    },
    async registrationCancelled(scope, registration, session, by, reason) {
      await deps.stored.registrationCancelled(scope, registration, session, by, reason);
      if (by.role === 'employee') return;
      const role = by.role;
      await post(scope, registration, session, `cancelled:${version(registration)}`, (bot, state) => ({
        kind: 'cancelled',
        session: bot,
        registration: state,
        by: role,
        reason,
      }));
    },
    async registrationDecided(scope, registration, session, decision, comment) {
      await deps.stored.registrationDecided(scope, registration, session, decision, comment);
      await post(scope, registration, session, `${decision}:${version(registration)}`, (bot, state) => ({
        kind: decision,
        session: bot,
        registration: state,
        comment,
      }));
    },
    async sessionRescheduled(scope, registration, session) {
      await deps.stored.sessionRescheduled(scope, registration, session);
      const when = `${session.startsAt.toISOString()}:${session.endsAt.toISOString()}`;
      await post(scope, registration, session, `rescheduled:${when}`, (bot, state) => ({
        kind: 'rescheduled',
        session: bot,
        registration: state,
      }));
    },
    async sessionCancelled(scope, registration, session, message) {
      await deps.stored.sessionCancelled(scope, registration, session, message);
      await post(scope, registration, session, `sessionCancelled:${version(registration)}`, (bot, state) => ({
        kind: 'sessionCancelled',
        session: bot,
        registration: state,
        message: message === '' ? null : message,
      }));
    },
  };
}
