import { describe, expect, it } from 'vitest';
import { createBotHarness, invokedCard, useBotHarness } from '../test-support/bot-harness.js';
import { teamsCardAction, teamsMessage } from '../test-support/teams-activities.js';

const t = useBotHarness();

const validation = (message: string) => ({
  status: 400,
  headers: { 'content-type': 'application/json' },
  body: { statusCode: 400, code: 'CAMPUS_ERR_VALIDATION', error: 'Bad Request', message },
});

describe('the messaging endpoint', () => {
  it('answers a body that is not JSON with 400 naming the problem', async () => {
    const response = await t.bot.post('{"type": "message", ');
    expect(response).toMatchObject({ status: 400, body: { code: 'CAMPUS_ERR_VALIDATION' } });
    expect((response.body as { message: string }).message).toMatch(/^The request body is not valid JSON: /);
    expect(t.connector.calls).toEqual([]);
  });

  it('accepts the activity as raw JSON text or bytes, as well as parsed', async () => {
    const activity = teamsMessage(t.connector.serviceUrl, 'help');
    expect((await t.bot.post(JSON.stringify(activity))).status).toBe(200);
    expect((await t.bot.post(Buffer.from(JSON.stringify(activity)))).status).toBe(200);
    expect(t.connector.calls).toHaveLength(2);
  });

  it.each([
    ['an array', [], 'The request body must be a Bot Framework activity (a JSON object).'],
    [
      'no type',
      { ...teamsMessage('http://x', 'hi'), type: undefined },
      'activity.type is required (a non-empty string).',
    ],
    ['no serviceUrl', { ...teamsMessage('', 'hi') }, 'activity.serviceUrl is required (a non-empty string).'],
    [
      'no conversation id',
      { ...teamsMessage('http://x', 'hi'), conversation: {} },
      'activity.conversation.id is required (a non-empty string).',
    ],
  ])('answers %s with 400 naming the missing field', async (_case, body, message) => {
    expect(await t.bot.post(body)).toEqual(validation(message));
    expect(t.bot.logger.entries).toMatchObject([{ level: 'warn', details: { problem: message } }]);
  });

  it('answers other methods with 405', async () => {
    const response = await t.bot.handle({ method: 'GET', headers: {}, body: undefined });
    expect(response).toMatchObject({ status: 405, body: { code: 'CAMPUS_ERR_VALIDATION' } });
  });

  it('with an app id, rejects a request without a Bot Framework token', async () => {
    const production = createBotHarness(t.connector, {
      appId: '00000000-0000-0000-0000-00000000b07a',
      appPassword: 'not-used-for-inbound-checks',
      appTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      appType: 'SingleTenant',
    });
    const response = await production.post(teamsMessage(t.connector.serviceUrl, 'sessions'));
    expect(response).toMatchObject({
      status: 401,
      body: { statusCode: 401, code: 'CAMPUS_ERR_UNAUTHENTICATED' },
    });
    expect(production.ports.calls).toEqual([]);
    expect(t.connector.calls).toEqual([]);
  });
});

describe('a failing turn', () => {
  it('logs the fault and replies with a friendly error card instead of crashing', async () => {
    t.bot.ports.failWith(new Error('store unreachable'));
    const activity = teamsMessage(t.connector.serviceUrl, 'sessions');
    const response = await t.bot.post(activity);

    expect(response).toEqual({ status: 200, headers: {}, body: undefined });
    const card = JSON.stringify(t.bot.repliedCard(activity.id));
    expect(card).toContain('Something went wrong');
    expect(card).not.toContain('store unreachable');
    expect(t.bot.logger.entries).toMatchObject([
      { level: 'error', message: 'bot turn failed', details: { activityId: activity.id } },
    ]);
    expect((t.bot.logger.entries[0]?.details.err as Error).message).toBe('store unreachable');
  });

  it('answers a failing Action.Execute with the error card in place of the card pressed', async () => {
    t.bot.ports.failWith(new Error('store unreachable'));
    const card = invokedCard(
      await t.bot.post(
        teamsCardAction(t.connector.serviceUrl, { verb: 'register', data: { sessionId: 'ses_01' } }),
      ),
    );
    expect(JSON.stringify(card)).toContain('Something went wrong');
    expect(t.bot.logger.entries.map((entry) => entry.message)).toEqual(['bot turn failed']);
  });

  it('still answers the request, and logs both faults, when the error card cannot be delivered either', async () => {
    t.bot.ports.failWith(new Error('store unreachable'));
    t.connector.respondWith(403);
    const response = await t.bot.post(teamsMessage(t.connector.serviceUrl, 'my sessions'));
    expect(response).toEqual({ status: 200, headers: {}, body: undefined });
    expect(t.connector.calls).toHaveLength(1);
    expect(t.bot.logger.entries.map((entry) => entry.message)).toEqual([
      'bot turn failed',
      'could not tell the user about a failed bot turn',
    ]);
  });

  it('keeps serving once the fault is gone', async () => {
    t.bot.ports.failWith(new Error('store unreachable'));
    await t.bot.post(teamsMessage(t.connector.serviceUrl, 'sessions'));
    t.bot.ports.failWith(null);
    t.connector.reset();

    const activity = teamsMessage(t.connector.serviceUrl, 'sessions');
    expect((await t.bot.post(activity)).status).toBe(200);
    expect(JSON.stringify(t.bot.repliedCard(activity.id))).toContain('No sessions are scheduled yet');
  });
});
