import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADELE_VANCE_ID, NESTOR_WILKE_ID, PATTI_FERNANDEZ_ID } from '@campus/infra/dev-tenant/personas';
import { startFakeConnector, type FakeConnector } from '@campus/bot/test-support/fake-connector';
import { teamsCardAction, teamsMessage } from '@campus/bot/test-support/teams-activities';
import { validateAdaptiveCard } from '@campus/bot/test-support/adaptive-card-schema';
import { apiClient, startCampus, tokenFor, type CampusUnderTest } from '../support/campus-server.js';

/** The activity as Teams would send it for Adele Vance of the dev tenant. */
function asAdele<T extends Record<string, unknown>>(activity: T, tenantId: string): T {
  return {
    ...activity,
    from: { id: '29:adele-teams-id', name: 'Adele Vance', aadObjectId: ADELE_VANCE_ID },
    conversation: { ...(activity.conversation as object), tenantId },
    channelData: { tenant: { id: tenantId } },
  };
}

describe('the bot on the real server: Teams activities over HTTP', () => {
  let campus: CampusUnderTest;
  let connector: FakeConnector;
  let sessionId: string;

  beforeAll(async () => {
    campus = await startCampus();
    connector = await startFakeConnector();
    const asOrganizer = apiClient(campus.url, await tokenFor(campus.devTenant, PATTI_FERNANDEZ_ID));
    const day = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
    const created = await asOrganizer<{ id: string }>('POST', '/api/sessions', {
      title: 'Salesforce dashboards in ten minutes',
      abstract: 'Build the pipeline dashboard your manager keeps asking for.',
      presenterId: NESTOR_WILKE_ID,
      start: { dateTime: `${day}T13:00:00`, timeZone: 'Europe/London' },
      end: { dateTime: `${day}T13:45:00`, timeZone: 'Europe/London' },
      capacity: 30,
      online: true,
    });
    expect(created.status).toBe(201);
    sessionId = created.body.id;
  });
  afterAll(async () => {
    await connector?.close();
    await campus?.close();
  });

  async function post(activity: unknown) {
    const response = await fetch(`${campus.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    return { status: response.status, body: (await response.text()) || null };
  }

  it('answers "sessions" with a card listing the catalog', async () => {
    const response = await post(asAdele(teamsMessage(connector.serviceUrl, 'sessions'), campus.devTenant.tenantId));
    expect(response.status).toBe(200);
    const reply = connector.calls.at(-1);
    const card = (reply?.body as { attachments: Array<{ content: unknown }> }).attachments[0]!.content;
    expect(JSON.stringify(card)).toContain('Salesforce dashboards in ten minutes');
    expect(validateAdaptiveCard(card)).toEqual({ valid: true, errors: [] });
  });

  it('registers from the card button and books the Teams user into Outlook', async () => {
    const response = await post(asAdele(teamsCardAction(connector.serviceUrl, { verb: 'register', data: { sessionId } }), campus.devTenant.tenantId));
    expect(response.status).toBe(200);
    const invoke = JSON.parse(response.body!) as { statusCode: number; value: unknown };
    expect(invoke.statusCode).toBe(200);
    expect(JSON.stringify(invoke.value)).toContain('You are registered');
    expect(validateAdaptiveCard(invoke.value)).toEqual({ valid: true, errors: [] });

    const asAdeleInTab = apiClient(campus.url, await tokenFor(campus.devTenant, ADELE_VANCE_ID));
    const mine = await asAdeleInTab<{ sessions: Array<{ session: { id: string }; registration: { status: string; invite: string } }> }>('GET', '/api/me/sessions');
    expect(mine.body.sessions).toEqual([expect.objectContaining({ session: expect.objectContaining({ id: sessionId }), registration: expect.objectContaining({ status: 'confirmed', invite: 'sent' }) })]);

    const again = await post(asAdele(teamsCardAction(connector.serviceUrl, { verb: 'register', data: { sessionId } }), campus.devTenant.tenantId));
    expect(JSON.stringify(JSON.parse(again.body!).value)).toContain('You are already registered');
  });

  it('refuses a body that is not an activity with a 400 naming the problem', async () => {
    const response = await fetch(`${campus.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('CAMPUS_ERR_VALIDATION');
  });
});
