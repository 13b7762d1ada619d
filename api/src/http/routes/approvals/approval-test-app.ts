/** The HTTP app with supervisor approval wired: real stores on this run's FerretDB, fakes for Graph, Entra and Teams. */
import type { AdaptiveCard, BotConversationReference } from '@campus/bot';
import type { Db } from 'mongodb';
import { createApprovalMessenger } from '../../../adapters/bot/approval-messenger.js';
import type { TeamsOutbox } from '../../../adapters/bot/teams-outbox.js';
import {
  createApprovalSettingsStore,
  createTeamsConversationStore,
} from '../../../adapters/mongo/approval-settings-store.js';
import {
  createApprovalDecisionStore,
  createApprovalNoticeLog,
  createApprovalStore,
} from '../../../adapters/mongo/approval-store.js';
import { createApprovalSigner } from '../../../domain/approvals/approval-signature.js';
import type { ApproverDirectory } from '../../../domain/approvals/approval-ports.js';
import type { ApprovalPorts } from '../../../domain/approvals/create-approvals.js';
import { buildTestApp, testUsers, type TestUser } from '../../test-support.js';

export const approvalUsers = {
  ...testUsers,
  supervisor: {
    id: 'a0000000-0000-4000-8000-000000000010',
    displayName: 'Sam Supervisor',
    mail: 'sam@contoso.test',
    jobTitle: 'Finance Manager',
    department: 'Finance',
    officeLocation: 'Paris',
    roles: ['employee', 'supervisor'],
  },
  deputy: {
    id: 'a0000000-0000-4000-8000-000000000011',
    displayName: 'Dana Deputy',
    mail: 'dana@contoso.test',
    jobTitle: 'Finance Lead',
    department: 'Finance',
    officeLocation: 'Paris',
    roles: ['employee'],
  },
} satisfies Record<string, TestUser>;

export const ORIGINATOR = '6f0f1b5e-3c38-4a57-9a4f-0c1d2e3f4a5b';
export const APPROVALS_URL = 'https://campus.contoso.test/?view=approvals';

/** The test app of http/test-support.ts with supervisor approval wired, Teams faked, and the supervisor managing. */
export async function buildApprovalTestApp(options: { expiryLeadMs?: number } = {}) {
  const users: TestUser[] = Object.values(approvalUsers);
  const find = (id: string) => users.find((user) => user.id === id) ?? null;
  /** Employee → manager, as Graph would answer GET /users/{id}/manager. */
  const managers = new Map<string, string>([
    [approvalUsers.employee.id, approvalUsers.supervisor.id],
    [approvalUsers.presenter.id, approvalUsers.supervisor.id],
  ]);
  const teamsCards: Array<{ reference: BotConversationReference; card: AdaptiveCard }> = [];
  const teams: Pick<TeamsOutbox, 'record'> = {
    async record(_scope, _key, { reference, card }) {
      teamsCards.push({ reference, card });
      return 'inserted';
    },
  };
  const directory: ApproverDirectory = {
    async findManager(_scope, userId) {
      const managerId = managers.get(userId);
      return managerId ? find(managerId) : null;
    },
    async findPerson(_scope, userId) {
      return find(userId);
    },
    async findMailbox(_scope, userId) {
      return { timeZone: userId === approvalUsers.supervisor.id ? 'Europe/Paris' : null, locale: 'en-GB' };
    },
    async findBusyPeriods() {
      return [];
    },
  };
  const approval = (db: Db): ApprovalPorts => ({
    approvals: createApprovalStore(db),
    decisions: createApprovalDecisionStore(db),
    notices: createApprovalNoticeLog(db),
    settings: createApprovalSettingsStore(db),
    directory,
    signer: createApprovalSigner('http-test-signing-key-0123456789abcdef'),
    expiryLeadMs: options.expiryLeadMs ?? 3_600_000,
    createMessenger: (mail) =>
      createApprovalMessenger({
        mail,
        teams,
        conversations: createTeamsConversationStore(db),
        originator: ORIGINATOR,
        sender: 'campus@contoso.test',
        approvalsUrl: APPROVALS_URL,
        tabUrl: 'https://campus.contoso.test',
      }),
  });
  const test = await buildTestApp({ extraUsers: [approvalUsers.supervisor, approvalUsers.deputy], approval });
  return {
    ...test,
    approvals: test.campus.approvals!,
    managers,
    teamsCards,
    conversations: createTeamsConversationStore(test.db),
  };
}

/** The Adaptive Card of an actionable message, from its HTML body. */
export function cardOfMail(html: string): Record<string, unknown> {
  const match = /<script type="application\/adaptivecard\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('the mail carries no actionable card');
  return JSON.parse(match[1]!) as Record<string, unknown>;
}
