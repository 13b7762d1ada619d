import { describe, expect, it } from 'vitest';
import { invokedCard, useBotHarness } from '../test-support/bot-harness.js';
import { sampleMySession, sampleSession } from '../test-support/samples.js';
import { teamsCardAction, tenantId, userAadObjectId } from '../test-support/teams-activities.js';

const t = useBotHarness();

const register = (data: unknown) => teamsCardAction(t.connector.serviceUrl, { verb: 'register', data });

describe('Action.Execute on the bot cards (adaptiveCard/action invoke)', () => {
  it('registers the Teams user and answers with the updated card, sending no message', async () => {
    const response = await t.bot.post(register({ sessionId: 'ses_01' }));

    const card = invokedCard(response);
    expect((card.body as unknown[])[0]).toMatchObject({
      style: 'good',
      items: [{ text: 'You are registered' }, {}],
    });
    expect(t.bot.ports.calls).toEqual([
      {
        port: 'registerForSession',
        actor: { tenantId, userId: userAadObjectId, displayName: 'Adele Vance' },
        argument: 'ses_01',
      },
    ]);
    expect(t.connector.calls).toEqual([]);
  });

  it('answers a waitlist place with the place, not as a refusal', async () => {
    t.bot.ports.registration = {
      outcome: 'registered',
      session: sampleSession({ seatsLeft: 0 }),
      registration: { status: 'waitlisted', position: 12 },
    };
    const card = invokedCard(await t.bot.post(register({ sessionId: 'ses_01' })));
    expect(card.body).toMatchObject([
      { style: 'warning', items: [{ text: 'Number 12 on the waitlist' }, {}] },
      { text: 'Writing Graph queries that scale' },
      {},
      {},
    ]);
  });

  it.each([
    ['CAMPUS_ERR_ALREADY_REGISTERED', 'You are already registered', 'It is already under **my sessions**.'],
    [
      'CAMPUS_ERR_SESSION_NOT_OPEN',
      'Registration did not go through',
      'Registration for this session has closed.',
    ],
  ])('words the rejection %s as "%s"', async (code, title, detail) => {
    t.bot.ports.registration = {
      outcome: 'rejected',
      code,
      message: 'Registration for this session has closed.',
    };
    const card = invokedCard(await t.bot.post(register({ sessionId: 'ses_01' })));
    const [banner] = card.body as { items: { text: string }[] }[];
    expect(banner?.items[0]?.text).toBe(title);
    expect(banner?.items[1]?.text).toContain(detail);
  });

  it('brings the session list back in place of the result card', async () => {
    t.bot.ports.upcoming = [sampleSession()];
    const card = invokedCard(
      await t.bot.post(teamsCardAction(t.connector.serviceUrl, { verb: 'showSessions' })),
    );
    expect(JSON.stringify(card)).toContain('"verb":"register","data":{"sessionId":"ses_01"}');
  });

  it("brings the viewer's sessions in place of a result or notice card", async () => {
    t.bot.ports.mine = [sampleMySession({ status: 'pendingApproval', approverName: 'Megan Bowen' })];
    const card = invokedCard(
      await t.bot.post(teamsCardAction(t.connector.serviceUrl, { verb: 'showMySessions' })),
    );
    expect(JSON.stringify(card)).toContain('Megan Bowen must approve');
    expect(t.bot.ports.calls.map((call) => call.port)).toEqual(['listMySessions']);
  });

  it.each([
    ['no data', undefined, 'BadRequest'],
    ['no sessionId', { session: 'ses_01' }, 'BadRequest'],
    ['a blank sessionId', { sessionId: '  ' }, 'BadRequest'],
    ['data that is a string', 'ses_01', 'BadRequest'],
  ])('answers register with %s as a Universal Actions bad request', async (_case, data, code) => {
    const response = await t.bot.post(register(data));
    expect(response).toEqual({
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code, message: 'The register action needs data.sessionId, a non-empty string.' },
      },
    });
    expect(t.bot.ports.calls).toEqual([]);
  });

  it('answers an unknown verb as not supported', async () => {
    const response = await t.bot.post(
      teamsCardAction(t.connector.serviceUrl, { verb: 'cancelEverything', data: {} }),
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      type: 'application/vnd.microsoft.error',
      value: { code: 'NotSupported' },
    });
    expect((response.body as { value: { message: string } }).value.message).toContain('"cancelEverything"');
  });

  it('answers an invoke whose value has no action as a bad request', async () => {
    const activity = { ...register({ sessionId: 'ses_01' }), value: { trigger: 'manual' } };
    const response = await t.bot.post(activity);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest' },
    });
  });

  it('asks for a Microsoft Entra account when the presser has none, without registering', async () => {
    const base = register({ sessionId: 'ses_01' });
    const card = invokedCard(await t.bot.post({ ...base, from: { id: base.from.id, name: base.from.name } }));
    expect(JSON.stringify(card)).toContain('Campus needs a Microsoft Entra account');
    expect(t.bot.ports.calls).toEqual([]);
  });

  it('takes the same path for the Outlook channel (actionable messages)', async () => {
    const outlook = { ...register({ sessionId: 'ses_01' }), channelId: 'outlook', channelData: {} };
    const card = invokedCard(await t.bot.post(outlook));
    expect((card.body as unknown[])[0]).toMatchObject({ items: [{ text: 'You are registered' }, {}] });
    expect(t.bot.ports.calls[0]?.actor.tenantId).toBe(tenantId);
  });
});
