import { describe, expect, it } from 'vitest';
import { useBotHarness } from '../test-support/bot-harness.js';
import { sampleMySession, sampleSession } from '../test-support/samples.js';
import {
  botId,
  teamsBotInstalled,
  teamsMessage,
  tenantId,
  userAadObjectId,
} from '../test-support/teams-activities.js';

const t = useBotHarness();

describe('chat commands, through the messaging endpoint', () => {
  it('"sessions" lists upcoming sessions for the Teams user, each with Register', async () => {
    t.bot.ports.upcoming = [sampleSession(), sampleSession({ id: 'ses_02', title: 'Intro to FerretDB' })];
    const activity = teamsMessage(t.connector.serviceUrl, 'Sessions');
    const response = await t.bot.post(activity);

    expect(response).toEqual({ status: 200, headers: {}, body: undefined });
    const card = JSON.stringify(t.bot.repliedCard(activity.id));
    expect(card).toContain('Upcoming sessions');
    expect(card).toContain('"verb":"register","data":{"sessionId":"ses_02"}');
    expect(t.bot.ports.calls).toEqual([
      {
        port: 'listUpcomingSessions',
        actor: { tenantId, userId: userAadObjectId, displayName: 'Adele Vance' },
        argument: 8,
      },
    ]);
  });

  it('"my sessions" lists the registrations as they stand, with Join for a confirmed seat', async () => {
    t.bot.ports.mine = [
      sampleMySession({ status: 'confirmed' }),
      sampleMySession({ status: 'waitlisted', position: 12 }, { id: 'ses_02', title: 'Intro to FerretDB' }),
    ];
    const activity = teamsMessage(t.connector.serviceUrl, '  my   SESSIONS ');
    await t.bot.post(activity);

    const card = JSON.stringify(t.bot.repliedCard(activity.id));
    expect(card).toContain('Your sessions');
    expect(card.match(/"title":"Join","url":"([^"]+)"/g)).toEqual([
      `"title":"Join","url":"${sampleSession().joinUrl}"`,
    ]);
    expect(card).toContain('You are number 12 on the waitlist');
    expect(t.bot.ports.calls.map((call) => call.port)).toEqual(['listMySessions']);
  });

  it('removes the @mention Teams adds before reading the command', async () => {
    t.bot.ports.upcoming = [sampleSession()];
    const activity = {
      ...teamsMessage(t.connector.serviceUrl, '<at>Campus</at> sessions'),
      entities: [{ type: 'mention', text: '<at>Campus</at>', mentioned: { id: botId, name: 'Campus' } }],
    };
    await t.bot.post(activity);
    expect(JSON.stringify(t.bot.repliedCard(activity.id))).toContain('Upcoming sessions');
  });

  it.each(['help', 'what can you do?'])('"%s" gets help with Open Campus', async (text) => {
    const activity = teamsMessage(t.connector.serviceUrl, text);
    await t.bot.post(activity);
    const card = t.bot.repliedCard(activity.id);
    expect(JSON.stringify(card)).toContain('"title":"my sessions"');
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open Campus', url: t.bot.ports.tabUrl() },
    ]);
    expect(t.bot.ports.calls).toEqual([]);
  });

  it('welcomes the user when the bot is added to the chat', async () => {
    const activity = teamsBotInstalled(t.connector.serviceUrl);
    const response = await t.bot.post(activity);
    expect(response.status).toBe(200);
    expect(JSON.stringify(t.bot.repliedCard(activity.id))).toContain('Welcome to Campus, Adele');
  });

  it('stays quiet when someone else joins a chat the bot is in', async () => {
    const activity = {
      ...teamsBotInstalled(t.connector.serviceUrl),
      membersAdded: [{ id: '29:1someone-else' }],
    };
    const response = await t.bot.post(activity);
    expect(response.status).toBe(200);
    expect(t.connector.calls).toEqual([]);
  });

  it('asks for a Microsoft Entra account when the sender has none, without calling Campus', async () => {
    const base = teamsMessage(t.connector.serviceUrl, 'sessions');
    const activity = { ...base, from: { id: base.from.id, name: base.from.name } };
    await t.bot.post(activity);
    expect(JSON.stringify(t.bot.repliedCard(activity.id))).toContain(
      'Campus needs a Microsoft Entra account',
    );
    expect(t.bot.ports.calls).toEqual([]);
  });

  it('reads the tenant from channelData when the conversation does not carry it', async () => {
    t.bot.ports.mine = [];
    const base = teamsMessage(t.connector.serviceUrl, 'my sessions');
    const activity = { ...base, conversation: { id: base.conversation.id, conversationType: 'personal' } };
    await t.bot.post(activity);
    expect(JSON.stringify(t.bot.repliedCard(activity.id))).toContain(
      'You are not registered for any upcoming session',
    );
    expect(t.bot.ports.calls[0]?.actor.tenantId).toBe(tenantId);
  });
});
