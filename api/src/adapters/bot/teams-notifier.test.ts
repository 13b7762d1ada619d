import type { BotConversationReference } from '@campus/bot';
import { createProactiveMessenger } from '@campus/bot';
import { validateAdaptiveCard } from '@campus/bot/test-support/adaptive-card-schema';
import { createBotHarness, localBotConfig } from '@campus/bot/test-support/bot-harness';
import { startFakeConnector, type FakeConnector } from '@campus/bot/test-support/fake-connector';
import { teamsInstallationUpdate } from '@campus/bot/test-support/teams-activities';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createInMemoryApprovalStores } from '../../domain/approvals/in-memory-approval-stores.js';
import type { TeamsConversation } from '../../domain/approvals/teams-conversations.js';
import { createInMemoryOutboxStore } from '../../domain/outbox/in-memory-outbox-store.js';
import { cancelMyRegistration } from '../../domain/registrations/cancel-registration.js';
import { decideApproval } from '../../domain/registrations/decide-approval.js';
import { actor, createTestPorts, session, TENANT } from '../../domain/registrations/in-memory-ports.js';
import { registerForSession } from '../../domain/registrations/register-for-session.js';
import { cancelSession } from '../../domain/sessions/cancel-session.js';
import { createTeamsNotifier } from './teams-notifier.js';
import { createTeamsOutbox } from './teams-outbox.js';

const joinUrl = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_s1%40thread.v2/0';

let connector: FakeConnector;
/** Bob's personal chat with the bot, as the bot remembered it when Teams told it the app was installed. */
let bobsChat: BotConversationReference;

beforeAll(async () => {
  connector = await startFakeConnector();
  const bot = createBotHarness(connector);
  expect((await bot.post(teamsInstallationUpdate(connector.serviceUrl))).status).toBe(200);
  bobsChat = bot.ports.conversations[0]!;
});
afterAll(() => connector.close());

function setUp() {
  connector.reset();
  const ports = createTestPorts();
  const conversations = new Map<string, TeamsConversation>([
    ['bob', { tenantId: TENANT, userId: 'bob', reference: { ...bobsChat }, updatedAt: new Date() }],
  ]);
  const approvalStores = createInMemoryApprovalStores();
  const warnings: string[] = [];
  const logger = { warn: (_details: object, message: string) => void warnings.push(message) };
  const outbox = createInMemoryOutboxStore(ports.clock);
  const teams = createTeamsOutbox({
    store: outbox.store,
    teams: createProactiveMessenger(localBotConfig),
    clock: ports.clock,
    holderId: 'api-1',
    logger,
  });
  const notifier = createTeamsNotifier({
    stored: ports.deps.notifier,
    teams,
    conversations: {
      save: async (conversation) => void conversations.set(conversation.userId, conversation),
      find: async (_scope, userId) => conversations.get(userId) ?? null,
    },
    lookups: { approvals: approvalStores.approvals, history: ports.deps.history },
    tabUrl: 'https://campus.contoso.test',
    logger,
  });
  const deps = { ...ports.deps, notifier };
  return { ...ports, deps, notifier, teams, outbox, conversations, warnings, logger };
}

/** The cards posted into Bob's chat, after checking each against the Adaptive Card schema. */
function cardsPostedToBob(): string[] {
  return connector.calls
    .filter((call) =>
      call.path.startsWith(`/v3/conversations/${encodeURIComponent(bobsChat.conversation.id)}/`),
    )
    .map((call) => {
      const card = (call.body.attachments as Array<{ content: unknown }>)[0]!.content;
      expect(validateAdaptiveCard(card)).toEqual({ valid: true, errors: [] });
      return JSON.stringify(card);
    });
}

describe('Teams notices to employees', () => {
  let t: ReturnType<typeof setUp>;
  beforeEach(async () => {
    t = setUp();
    await t.deps.sessions.insert(
      session({
        id: 's1',
        capacity: 1,
        calendar: { ownerId: 'presenter', transactionId: 's1', eventId: 'e', joinUrl },
      }),
    );
  });

  it('posts the seat freed from the waitlist to Bob in Teams once, with Join, and keeps it for the tab', async () => {
    await registerForSession(t.deps, actor('alice'), 's1');
    const waiting = await registerForSession(t.deps, actor('bob'), 's1');
    expect(waiting.position).toBe(1);
    // Bob's own registration was answered where he registered: the waitlist place is stored, not posted.
    expect(cardsPostedToBob()).toEqual([]);

    await cancelMyRegistration(t.deps, actor('alice'), 's1');
    await t.teams.idle();
    const [card] = cardsPostedToBob();
    expect(cardsPostedToBob()).toHaveLength(1);
    expect(card).toContain('You have a seat');
    expect(card).toContain(`"title":"Join","url":"${joinUrl}"`);
    expect(
      t.notifications.filter((notification) => notification.userId === 'bob').map((n) => n.kind),
    ).toEqual(['waitlisted', 'promoted']);

    // A retry of the same change (a second process, a crash before the caller finished) posts nothing more.
    const bob = (await t.deps.registrations.findById(actor('bob'), waiting.registration.id))!;
    const s1 = (await t.deps.sessions.findById(actor('bob'), 's1'))!;
    await t.notifier.registrationPromoted(actor('bob'), bob, s1);
    await t.teams.idle();
    expect(await t.teams.processDue(10)).toMatchObject({ retried: 0, failed: 0 });
    expect(cardsPostedToBob()).toHaveLength(1);
  });

  it('tells Bob the session was cancelled, with the organizer’s message, and no Join', async () => {
    await registerForSession(t.deps, actor('bob'), 's1');
    await cancelSession(t.deps, actor('organizer', ['organizer']), 's1', 'The presenter is ill');
    await t.teams.idle();
    const [card] = cardsPostedToBob();
    expect(card).toContain('Session cancelled');
    expect(card).toContain('“The presenter is ill”');
    expect(card).not.toContain('"title":"Join"');
  });

  it('tells Bob his supervisor declined, with the comment, and where the registration stands', async () => {
    await t.deps.sessions.insert(session({ id: 's2', approval: 'supervisor' }));
    const { registration } = await registerForSession(t.deps, actor('bob'), 's2');
    expect(registration.status).toBe('pendingApproval');
    await decideApproval(
      t.deps,
      { tenantId: TENANT, userId: 'megan' },
      registration.id,
      'decline',
      'Quarter close',
    );
    await t.teams.idle();
    const [card] = cardsPostedToBob();
    expect(card).toContain('Your supervisor declined your registration for **Session s2**.');
    expect(card).toContain('“Quarter close”');
  });

  it('posts nothing to people who have no chat with the bot', async () => {
    await registerForSession(t.deps, actor('carol'), 's1');
    await cancelSession(t.deps, actor('organizer', ['organizer']), 's1', 'Cancelled');
    await t.teams.idle();
    expect(connector.calls).toEqual([]);
    expect(t.notifications.map((notification) => notification.kind)).toContain('sessionCancelled');
  });
});
