import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localBotConfig, createBotHarness } from '../test-support/bot-harness.js';
import { startFakeConnector, type FakeConnector } from '../test-support/fake-connector.js';
import {
  botId,
  conversationId,
  teamsBotInstalled,
  teamsInstallationUpdate,
  teamsMessage,
  tenantId,
  userAadObjectId,
} from '../test-support/teams-activities.js';
import { buildApprovalCard } from './cards/approval-card.js';
import { createProactiveMessenger } from './proactive.js';
import { sampleApproval } from '../test-support/fake-ports.js';
import { validateAdaptiveCard } from '../test-support/adaptive-card-schema.js';

let connector: FakeConnector;
let bot: ReturnType<typeof createBotHarness>;

beforeAll(async () => {
  connector = await startFakeConnector();
});
afterAll(() => connector.close());
beforeEach(() => {
  bot = createBotHarness(connector);
});

const expectedReference = () => ({
  channelId: 'msteams',
  serviceUrl: connector.serviceUrl,
  conversation: { id: conversationId, tenantId, conversationType: 'personal' },
  bot: { id: botId, name: 'Campus' },
  user: { id: '29:1user-teams-id', name: 'Adele Vance', aadObjectId: userAadObjectId },
  locale: 'en-US',
});

describe('remembering where to reach a user in Teams', () => {
  it.each([
    ['the app is installed', () => teamsInstallationUpdate(connector.serviceUrl)],
    ['the bot is added to the personal chat', () => teamsBotInstalled(connector.serviceUrl)],
    ['the user writes to the bot', () => teamsMessage(connector.serviceUrl, 'help')],
  ])('keeps the personal conversation when %s', async (_when, activity) => {
    expect((await bot.post(activity())).status).toBe(200);
    expect(bot.ports.conversations).toEqual([expectedReference()]);
  });

  it('keeps nothing from a group chat, and still answers when the store fails', async () => {
    const inGroup = {
      ...teamsMessage(connector.serviceUrl, 'help'),
      conversation: { id: '19:group', conversationType: 'groupChat', tenantId },
    };
    await bot.post(inGroup);
    expect(bot.ports.conversations).toEqual([]);

    bot.ports.rememberConversation = async () => {
      throw new Error('store down (test)');
    };
    const response = await bot.post(teamsMessage(connector.serviceUrl, 'help'));
    expect(response.status).toBe(200);
    expect(connector.calls.at(-1)?.body).toMatchObject({ type: 'message' });
    expect(bot.logger.entries).toContainEqual(
      expect.objectContaining({ message: 'the Teams conversation was not remembered' }),
    );
  });

  it('posts a card proactively into a remembered conversation', async () => {
    await bot.post(teamsInstallationUpdate(connector.serviceUrl));
    connector.reset();
    const card = buildApprovalCard({
      state: { state: 'pending', approval: sampleApproval() },
      host: { channel: 'msteams', refreshUserIds: ['29:1user-teams-id'] },
      approvalsUrl: 'https://campus.contoso.test/?view=approvals',
    });
    const activityId = await createProactiveMessenger(localBotConfig).sendCard(
      bot.ports.conversations[0]!,
      card,
    );
    expect(activityId).toBe('reply-1');
    expect(connector.calls).toHaveLength(1);
    // botbuilder sends a proactive message as a reply to the continuation activity it makes up.
    expect(
      connector.calls[0]!.path.startsWith(
        `/v3/conversations/${encodeURIComponent(conversationId)}/activities/`,
      ),
    ).toBe(true);
    expect(connector.calls[0]).toMatchObject({
      method: 'POST',
      body: { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }] },
    });
    const sent = (connector.calls[0]!.body.attachments as Array<{ content: unknown }>)[0]!.content;
    expect(sent).toEqual(card);
    expect(validateAdaptiveCard(sent)).toEqual({ valid: true, errors: [] });
  });

  it('fails loudly when Teams refuses the post (the app was uninstalled)', async () => {
    await bot.post(teamsInstallationUpdate(connector.serviceUrl));
    connector.respondWith(403);
    const card = buildApprovalCard({
      state: { state: 'pending', approval: sampleApproval() },
      host: { channel: 'msteams', refreshUserIds: [] },
      approvalsUrl: 'https://campus.contoso.test/',
    });
    await expect(
      createProactiveMessenger(localBotConfig).sendCard(bot.ports.conversations[0]!, card),
    ).rejects.toThrow();
  });
});
