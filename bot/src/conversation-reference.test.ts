import { describe, expect, it } from 'vitest';
import { localBotConfig, useBotHarness } from '../test-support/bot-harness.js';
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
import { sampleApproval } from '../test-support/samples.js';
import { validateAdaptiveCard } from '../test-support/adaptive-card-schema.js';

const t = useBotHarness();

const expectedReference = () => ({
  channelId: 'msteams',
  serviceUrl: t.connector.serviceUrl,
  conversation: { id: conversationId, tenantId, conversationType: 'personal' },
  bot: { id: botId, name: 'Campus' },
  user: { id: '29:1user-teams-id', name: 'Adele Vance', aadObjectId: userAadObjectId },
  locale: 'en-US',
});

describe('remembering where to reach a user in Teams', () => {
  it.each([
    ['the app is installed', () => teamsInstallationUpdate(t.connector.serviceUrl)],
    ['the bot is added to the personal chat', () => teamsBotInstalled(t.connector.serviceUrl)],
    ['the user writes to the bot', () => teamsMessage(t.connector.serviceUrl, 'help')],
  ])('keeps the personal conversation when %s', async (_when, activity) => {
    expect((await t.bot.post(activity())).status).toBe(200);
    expect(t.bot.ports.conversations).toEqual([expectedReference()]);
  });

  it('keeps nothing from a group chat, and still answers when the store fails', async () => {
    const inGroup = {
      ...teamsMessage(t.connector.serviceUrl, 'help'),
      conversation: { id: '19:group', conversationType: 'groupChat', tenantId },
    };
    await t.bot.post(inGroup);
    expect(t.bot.ports.conversations).toEqual([]);

    t.bot.ports.rememberConversation = async () => {
      throw new Error('store down (test)');
    };
    const response = await t.bot.post(teamsMessage(t.connector.serviceUrl, 'help'));
    expect(response.status).toBe(200);
    expect(t.connector.calls.at(-1)?.body).toMatchObject({ type: 'message' });
    expect(t.bot.logger.entries).toContainEqual(
      expect.objectContaining({ message: 'the Teams conversation was not remembered' }),
    );
  });

  it('posts a card proactively into a remembered conversation', async () => {
    await t.bot.post(teamsInstallationUpdate(t.connector.serviceUrl));
    t.connector.reset();
    const card = buildApprovalCard({
      state: { state: 'pending', approval: sampleApproval() },
      host: { channel: 'msteams', refreshUserIds: ['29:1user-teams-id'] },
      approvalsUrl: 'https://campus.contoso.test/?view=approvals',
    });
    const activityId = await createProactiveMessenger(localBotConfig).sendCard(
      t.bot.ports.conversations[0]!,
      card,
    );
    expect(activityId).toBe('reply-1');
    expect(t.connector.calls).toHaveLength(1);
    // botbuilder sends a proactive message as a reply to the continuation activity it makes up.
    expect(
      t.connector.calls[0]!.path.startsWith(
        `/v3/conversations/${encodeURIComponent(conversationId)}/activities/`,
      ),
    ).toBe(true);
    expect(t.connector.calls[0]).toMatchObject({
      method: 'POST',
      body: { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }] },
    });
    const sent = (t.connector.calls[0]!.body.attachments as Array<{ content: unknown }>)[0]!.content;
    expect(sent).toEqual(card);
    expect(validateAdaptiveCard(sent)).toEqual({ valid: true, errors: [] });
  });

  it('fails loudly when Teams refuses the post (the app was uninstalled)', async () => {
    await t.bot.post(teamsInstallationUpdate(t.connector.serviceUrl));
    t.connector.respondWith(403);
    const card = buildApprovalCard({
      state: { state: 'pending', approval: sampleApproval() },
      host: { channel: 'msteams', refreshUserIds: [] },
      approvalsUrl: 'https://campus.contoso.test/',
    });
    await expect(
      createProactiveMessenger(localBotConfig).sendCard(t.bot.ports.conversations[0]!, card),
    ).rejects.toThrow();
  });
});
