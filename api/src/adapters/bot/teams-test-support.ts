import {
  createProactiveMessenger,
  type BotConversationReference,
  type ProactiveMessenger,
} from '@campus/bot';
import { validateAdaptiveCard } from '@campus/bot/test-support/adaptive-card-schema';
import { createBotHarness, localBotConfig } from '@campus/bot/test-support/bot-harness';
import { startFakeConnector, type FakeConnector } from '@campus/bot/test-support/fake-connector';
import { teamsInstallationUpdate } from '@campus/bot/test-support/teams-activities';
import { afterAll, beforeAll, expect } from 'vitest';
import { createInMemoryApprovalStores } from '../../domain/approvals/in-memory-approval-stores.js';
import type { TeamsConversation } from '../../domain/approvals/teams-conversations.js';
import { createInMemoryOutboxStore } from '../../domain/outbox/in-memory-outbox-store.js';
import { createTestPorts, TENANT } from '../../domain/registrations/in-memory-ports.js';
import { createTeamsNotifier } from './teams-notifier.js';
import { createTeamsOutbox, type TeamsOutboxDeps } from './teams-outbox.js';

/**
 * For a test file: one fake connector, and the personal chat the real bot remembered when Teams told it the app was
 * installed (Bob's). Read them inside tests; the hooks this registers set them.
 */
export function useTeamsConnector(): { connector: FakeConnector; bobsChat: BotConversationReference } {
  const context = {} as { connector: FakeConnector; bobsChat: BotConversationReference };
  beforeAll(async () => {
    context.connector = await startFakeConnector();
    const bot = createBotHarness(context.connector);
    expect((await bot.post(teamsInstallationUpdate(context.connector.serviceUrl))).status).toBe(200);
    context.bobsChat = bot.ports.conversations[0]!;
  });
  afterAll(() => context.connector.close());
  return context;
}

/** The same bot's personal chat with another user (its own conversation id). */
export function chatWith(chat: BotConversationReference, userId: string): BotConversationReference {
  return {
    ...chat,
    conversation: { ...chat.conversation, id: `a:1personal-chat-with-${userId}` },
    user: { id: `29:1${userId}` },
  };
}

/** The cards posted into a chat (each checked against the Adaptive Card schema), as JSON. */
export function cardsPostedTo(connector: FakeConnector, chat: BotConversationReference): string[] {
  return connector.calls
    .filter((call) => call.path.startsWith(`/v3/conversations/${encodeURIComponent(chat.conversation.id)}/`))
    .map((call) => {
      const card = (call.body.attachments as Array<{ content: unknown }>)[0]!.content;
      expect(validateAdaptiveCard(card)).toEqual({ valid: true, errors: [] });
      return JSON.stringify(card);
    });
}

/**
 * The registration use cases' in-memory ports with the Teams notifier over a Teams outbox in memory, posting
 * through the real proactive messenger (or `teams`) to the fake connector. `chats` are the people with a chat.
 */
export function createNoticeSetup(
  chats: Record<string, BotConversationReference>,
  options: { teams?: ProactiveMessenger; timing?: TeamsOutboxDeps['timing'] } = {},
) {
  const ports = createTestPorts();
  const conversations = new Map<string, TeamsConversation>(
    Object.entries(chats).map(([userId, reference]) => [
      userId,
      { tenantId: TENANT, userId, reference: { ...reference }, updatedAt: new Date() },
    ]),
  );
  const approvalStores = createInMemoryApprovalStores();
  const warnings: string[] = [];
  const logger = { warn: (_details: object, message: string) => void warnings.push(message) };
  const outbox = createInMemoryOutboxStore(ports.clock);
  const teamsOutboxDeps: TeamsOutboxDeps = {
    store: outbox.store,
    teams: options.teams ?? createProactiveMessenger(localBotConfig),
    clock: ports.clock,
    holderId: 'api-1',
    logger,
    ...(options.timing ? { timing: options.timing } : {}),
  };
  const teams = createTeamsOutbox(teamsOutboxDeps);
  const notifier = createTeamsNotifier({
    stored: ports.deps.notifier,
    teams,
    conversations: {
      save: async (conversation) => void conversations.set(conversation.userId, conversation),
      find: async (_scope, userId) => conversations.get(userId) ?? null,
    },
    lookups: {
      approvals: {
        approvals: approvalStores.approvals,
        settings: approvalStores.settings,
        clock: ports.clock,
      },
      history: ports.deps.history,
    },
    tabUrl: 'https://campus.contoso.test',
    logger,
  });
  return { ...ports, deps: { ...ports.deps, notifier }, notifier, teams, outbox, warnings, logger };
}
