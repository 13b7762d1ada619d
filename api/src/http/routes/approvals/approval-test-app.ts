/** The HTTP app with supervisor approval wired: real stores on this run's FerretDB, fakes for Graph, Entra and Teams. */
import { randomUUID } from 'node:crypto';
import type { AdaptiveCard, BotConversationReference, ProactiveMessenger } from '@campus/bot';
import { inject } from 'vitest';
import { buildApp } from '../../../app.js';
import { createApprovalMessenger } from '../../../adapters/bot/approval-messenger.js';
import {
  createApprovalSettingsStore,
  createTeamsConversationStore,
} from '../../../adapters/mongo/approval-settings-store.js';
import {
  createApprovalDecisionStore,
  createApprovalNoticeLog,
  createApprovalStore,
} from '../../../adapters/mongo/approval-store.js';
import { connectMongo, createMongoStores, ensureIndexes } from '../../../adapters/mongo/index.js';
import { createApprovalSigner } from '../../../domain/approvals/approval-signature.js';
import type { ApproverDirectory } from '../../../domain/approvals/approval-ports.js';
import { createCampus } from '../../../domain/campus.js';
import type { OutgoingMail } from '../../../domain/outbox/outgoing-mail.js';
import type { TokenVerifier } from '../../../domain/people/identity.js';
import { createError } from '../../../errors.js';
import { createFakeCalendar, TENANT_ID, testUsers, type TestUser } from '../../test-support.js';

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

export async function buildApprovalTestApp(options: { expiryLeadMs?: number } = {}) {
  let frozenAt: Date | null = null;
  const users: TestUser[] = Object.values(approvalUsers);
  const find = (id: string) => users.find((user) => user.id === id) ?? null;
  /** Employee → manager, as Graph would answer GET /users/{id}/manager. */
  const managers = new Map<string, string>([
    [approvalUsers.employee.id, approvalUsers.supervisor.id],
    [approvalUsers.presenter.id, approvalUsers.supervisor.id],
  ]);
  const mongo = await connectMongo({
    uri: inject('mongodbUri'),
    dbName: `campus_http_approvals_${randomUUID().slice(0, 8)}`,
  });
  await ensureIndexes(mongo.db);
  const sentMail: OutgoingMail[] = [];
  const teamsCards: Array<{ reference: BotConversationReference; card: AdaptiveCard }> = [];
  const teams: ProactiveMessenger = {
    async sendCard(reference, card) {
      teamsCards.push({ reference, card });
      return `activity-${teamsCards.length}`;
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
  const tokenVerifier: TokenVerifier = {
    async verify(token) {
      const user = find(token);
      if (!user)
        throw createError('CAMPUS_ERR_UNAUTHENTICATED', 'The access token was refused: unknown test user');
      return {
        tenantId: TENANT_ID,
        userId: user.id,
        displayName: user.displayName,
        mail: user.mail,
        scopes: ['access_as_user'],
      };
    },
  };
  const conversations = createTeamsConversationStore(mongo.db);
  const logger = { warn: () => undefined };
  const campus = createCampus({
    ...createMongoStores(mongo.db),
    people: { findById: async (_scope, id) => find(id), search: async () => [] },
    calendar: createFakeCalendar(),
    mail: {
      async sendMail(_scope, message) {
        sentMail.push(message);
      },
    },
    clock: { now: () => frozenAt ?? new Date() },
    ids: { newId: randomUUID },
    holderId: 'http-approvals-test',
    logger,
    approval: {
      approvals: createApprovalStore(mongo.db),
      decisions: createApprovalDecisionStore(mongo.db),
      notices: createApprovalNoticeLog(mongo.db),
      settings: createApprovalSettingsStore(mongo.db),
      directory,
      signer: createApprovalSigner('http-test-signing-key-0123456789abcdef'),
      expiryLeadMs: options.expiryLeadMs ?? 3_600_000,
      createMessenger: (mail) =>
        createApprovalMessenger({
          mail,
          teams,
          conversations,
          originator: ORIGINATOR,
          sender: 'campus@contoso.test',
          approvalsUrl: APPROVALS_URL,
          tabUrl: 'https://campus.contoso.test',
          logger,
        }),
    },
  });
  const app = await buildApp({
    campus,
    tokenVerifier,
    resolveRoles: async (_scope, userId) => new Set(find(userId)?.roles ?? ['employee']),
    clientConfig: {
      tenantId: TENANT_ID,
      clientId: 'client',
      authority: 'https://login.example/tenant',
      apiScope: 'api://x/access_as_user',
    },
    readiness: [],
    botHandler: null,
    tabDir: null,
    logger: false,
  });
  return {
    app,
    campus,
    approvals: campus.approvals!,
    managers,
    sentMail,
    teamsCards,
    conversations,
    travelTo(at: Date) {
      frozenAt = at;
    },
    async close() {
      await app.close();
      await mongo.db.dropDatabase();
      await mongo.close();
    },
  };
}

/** The Adaptive Card of an actionable message, from its HTML body. */
export function cardOfMail(html: string): Record<string, unknown> {
  const match = /<script type="application\/adaptivecard\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('the mail carries no actionable card');
  return JSON.parse(match[1]!) as Record<string, unknown>;
}
