import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBotHarness } from '../test-support/bot-harness.js';
import { startFakeConnector, type FakeConnector } from '../test-support/fake-connector.js';
import { sampleSession } from '../test-support/sessions.js';
import {
  botId,
  teamsBotInstalled,
  teamsMessage,
  tenantId,
  userAadObjectId,
} from '../test-support/teams-activities.js';

let connector: FakeConnector;
let bot: ReturnType<typeof createBotHarness>;

beforeAll(async () => {
  connector = await startFakeConnector();
});
afterAll(() => connector.close());
beforeEach(() => {
  bot = createBotHarness(connector);
});

describe('chat commands, through the messaging endpoint', () => {
  it('"sessions" lists upcoming sessions for the Teams user, each with Register', async () => {
    bot.ports.upcoming = [sampleSession(), sampleSession({ id: 'ses_02', title: 'Intro to FerretDB' })];
    const activity = teamsMessage(connector.serviceUrl, 'Sessions');
    const response = await bot.post(activity);

    expect(response).toEqual({ status: 200, headers: {}, body: undefined });
    const card = JSON.stringify(bot.repliedCard(activity.id));
    expect(card).toContain('Upcoming sessions');
    expect(card).toContain('"verb":"register","data":{"sessionId":"ses_02"}');
    expect(bot.ports.calls).toEqual([
      {
        port: 'listUpcomingSessions',
        actor: { tenantId, userId: userAadObjectId, displayName: 'Adele Vance' },
        argument: 8,
      },
    ]);
  });

  it('"my sessions" lists the registered sessions with a Join button', async () => {
    bot.ports.mine = [sampleSession()];
    const activity = teamsMessage(connector.serviceUrl, '  my   SESSIONS ');
    await bot.post(activity);

    const card = JSON.stringify(bot.repliedCard(activity.id));
    expect(card).toContain('Your sessions');
    expect(card).toContain(`"title":"Join","url":"${sampleSession().joinUrl}"`);
    expect(bot.ports.calls.map((call) => call.port)).toEqual(['listMySessions']);
  });

  it('removes the @mention Teams adds before reading the command', async () => {
    bot.ports.upcoming = [sampleSession()];
    const activity = {
      ...teamsMessage(connector.serviceUrl, '<at>Campus</at> sessions'),
      entities: [{ type: 'mention', text: '<at>Campus</at>', mentioned: { id: botId, name: 'Campus' } }],
    };
    await bot.post(activity);
    expect(JSON.stringify(bot.repliedCard(activity.id))).toContain('Upcoming sessions');
  });

  it.each(['help', 'what can you do?'])('"%s" gets help with Open Campus', async (text) => {
    const activity = teamsMessage(connector.serviceUrl, text);
    await bot.post(activity);
    const card = bot.repliedCard(activity.id);
    expect(JSON.stringify(card)).toContain('"title":"my sessions"');
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open Campus', url: bot.ports.tabUrl() }]);
    expect(bot.ports.calls).toEqual([]);
  });

  it('welcomes the user when the bot is added to the chat', async () => {
    const activity = teamsBotInstalled(connector.serviceUrl);
    const response = await bot.post(activity);
    expect(response.status).toBe(200);
    expect(JSON.stringify(bot.repliedCard(activity.id))).toContain('Welcome to Campus, Adele');
  });

  it('stays quiet when someone else joins a chat the bot is in', async () => {
    const activity = {
      ...teamsBotInstalled(connector.serviceUrl),
      membersAdded: [{ id: '29:1someone-else' }],
    };
    const response = await bot.post(activity);
    expect(response.status).toBe(200);
    expect(connector.calls).toEqual([]);
  });

  it('asks for a Microsoft Entra account when the sender has none, without calling Campus', async () => {
    const base = teamsMessage(connector.serviceUrl, 'sessions');
    const activity = { ...base, from: { id: base.from.id, name: base.from.name } };
    await bot.post(activity);
    expect(JSON.stringify(bot.repliedCard(activity.id))).toContain('Campus needs a Microsoft Entra account');
    expect(bot.ports.calls).toEqual([]);
  });

  it('reads the tenant from channelData when the conversation does not carry it', async () => {
    bot.ports.mine = [];
    const base = teamsMessage(connector.serviceUrl, 'my sessions');
    const activity = { ...base, conversation: { id: base.conversation.id, conversationType: 'personal' } };
    await bot.post(activity);
    expect(JSON.stringify(bot.repliedCard(activity.id))).toContain(
      'You are not registered for any upcoming session',
    );
    expect(bot.ports.calls[0]?.actor.tenantId).toBe(tenantId);
  });
});
