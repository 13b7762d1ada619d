import { beforeAll, describe, expect, it } from 'vitest';
import { directReports } from '../../directory.js';
import { buildDevTenant } from '../../index.js';
import { createTestTenant, type TestTenant } from '../../test-support.js';
import { ADELE_VANCE_ID, ALEX_WILBER_ID, CAMPUS_ORGANIZERS_GROUP_ID, MEGAN_BOWEN_ID, PATTI_FERNANDEZ_ID } from '../../seed/personas.js';

type Page = { '@odata.context': string; '@odata.nextLink'?: string; '@odata.count'?: number; value: Array<Record<string, unknown>> };
type GraphError = { error: { code: string; message: string } };

let t: TestTenant;
const get = (url: string, headers: Record<string, string> = {}, token?: string) => t.graph('GET', url, { headers, ...(token ? { token } : {}) });
const groupId = (name: string) => [...t.state.groups.values()].find((g) => g.displayName === name)!.id;

beforeAll(async () => {
  t = await createTestTenant({ size: 600 });
});

describe('manager and direct reports', () => {
  it('answers the manager, and 404 for the top of the hierarchy', async () => {
    const manager = (await get(`/v1.0/users/${ADELE_VANCE_ID}/manager`)).json<Record<string, unknown>>();
    expect(manager).toMatchObject({ '@odata.type': '#microsoft.graph.user', id: MEGAN_BOWEN_ID, displayName: 'Megan Bowen', jobTitle: 'Marketing Manager' });
    const ceo = [...t.state.users.values()].find((u) => u.managerId === null)!;
    const none = await get(`/v1.0/users/${ceo.id}/manager`);
    expect(none.statusCode).toBe(404);
    expect(none.json<GraphError>().error.code).toBe('Request_ResourceNotFound');
  });

  it('expands the manager on a user and on a list', async () => {
    const adele = (await get(`/v1.0/users/${ADELE_VANCE_ID}?$select=displayName&$expand=manager($select=id,displayName)`)).json<Record<string, unknown>>();
    expect(adele.manager).toEqual({ '@odata.type': '#microsoft.graph.user', id: MEGAN_BOWEN_ID, displayName: 'Megan Bowen' });
    const list = (await get("/v1.0/users?$filter=department eq 'Marketing'&$expand=manager&$select=displayName&$top=999")).json<Page>();
    const listed = list.value.find((u) => u.id === ADELE_VANCE_ID)!;
    expect((listed.manager as Record<string, unknown>).id).toBe(MEGAN_BOWEN_ID);
  });

  it('pages direct reports as directoryObjects', async () => {
    const director = t.state.users.get(MEGAN_BOWEN_ID)!.managerId!;
    const expected = directReports(t.state, director).map((u) => u.id).sort();
    const ids: string[] = [];
    let url: string | null = `/v1.0/users/${director}/directReports?$top=2&$select=displayName,jobTitle`;
    while (url) {
      const page: Page = (await get(url)).json<Page>();
      expect(page['@odata.context']).toMatch(/\$metadata#directoryObjects/);
      for (const item of page.value) {
        expect(item['@odata.type']).toBe('#microsoft.graph.user');
        ids.push(item.id as string);
      }
      url = page['@odata.nextLink'] ? new URL(page['@odata.nextLink']).pathname + new URL(page['@odata.nextLink']).search : null;
    }
    expect(ids).toEqual(expected);
    expect(ids).toContain(MEGAN_BOWEN_ID);
  });
});

describe('memberships', () => {
  it('lists direct and transitive groups, with the type-cast segment', async () => {
    const direct = (await get(`/v1.0/users/${ALEX_WILBER_ID}/memberOf?$select=displayName`)).json<Page>();
    const directNames = direct.value.map((g) => g.displayName);
    expect(directNames).toEqual(expect.arrayContaining(['All Sales', 'London Office']));
    expect(directNames).not.toContain('EMEA Offices');
    const transitive = (await get(`/v1.0/users/${ALEX_WILBER_ID}/transitiveMemberOf/microsoft.graph.group?$select=displayName`)).json<Page>();
    expect(transitive['@odata.context']).toMatch(/\$metadata#groups/);
    expect(transitive.value.map((g) => g.displayName)).toEqual(expect.arrayContaining(['London Office', 'EMEA Offices', 'All Offices']));
    expect(transitive.value.every((g) => g['@odata.type'] === '#microsoft.graph.group')).toBe(true);
  });

  it('checks member groups transitively', async () => {
    const response = await t.graph('POST', `/v1.0/users/${ALEX_WILBER_ID}/checkMemberGroups`, {
      body: { groupIds: [groupId('All Offices'), CAMPUS_ORGANIZERS_GROUP_ID, groupId('All Sales')] },
    });
    expect(response.json<{ value: string[] }>().value.sort()).toEqual([groupId('All Offices'), groupId('All Sales')].sort());
    const organizer = await t.graph('POST', `/v1.0/users/${PATTI_FERNANDEZ_ID}/checkMemberGroups`, { body: { groupIds: [CAMPUS_ORGANIZERS_GROUP_ID] } });
    expect(organizer.json<{ value: string[] }>().value).toEqual([CAMPUS_ORGANIZERS_GROUP_ID]);
    const bad = await t.graph('POST', `/v1.0/users/${ALEX_WILBER_ID}/checkMemberGroups`, { body: { ids: [] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<GraphError>().error.code).toBe('Request_BadRequest');
  });
});

describe('mailbox settings and /me', () => {
  it('answers mailboxSettings with the time zone and working hours of the office', async () => {
    const settings = (await get(`/v1.0/users/${ALEX_WILBER_ID}/mailboxSettings`)).json<Record<string, unknown>>();
    expect(settings).toMatchObject({ timeZone: 'GMT Standard Time', workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '09:00:00.0000000', timeZone: { name: 'GMT Standard Time' } } });
    const zone = (await get(`/v1.0/users/${ALEX_WILBER_ID}/mailboxSettings/timeZone`)).json<Record<string, unknown>>();
    expect(zone.value).toBe('GMT Standard Time');
  });

  it('maps /me to the signed-in user for delegated tokens and refuses it for app tokens', async () => {
    const token = await t.userGraphToken(ADELE_VANCE_ID, ['User.Read', 'MailboxSettings.Read']);
    const me = (await get('/v1.0/me?$select=displayName', {}, token)).json<Record<string, unknown>>();
    expect(me).toMatchObject({ id: ADELE_VANCE_ID, displayName: 'Adele Vance' });
    expect((await get('/v1.0/me/manager', {}, token)).json<Record<string, unknown>>().id).toBe(MEGAN_BOWEN_ID);
    expect((await get('/v1.0/me/mailboxSettings', {}, token)).statusCode).toBe(200);
    const app = await get('/v1.0/me');
    expect(app.statusCode).toBe(400);
    expect(app.json<GraphError>().error.message).toBe('/me request is only valid with delegated authentication flow.');
  });

  it('limits a User.Read-only delegated token to the signed-in user', async () => {
    const token = await t.userGraphToken(ADELE_VANCE_ID, ['User.Read']);
    const other = await get(`/v1.0/users/${ALEX_WILBER_ID}`, {}, token);
    expect(other.statusCode).toBe(403);
    expect(other.json<GraphError>().error.code).toBe('Authorization_RequestDenied');
    expect((await get(`/v1.0/users/${ADELE_VANCE_ID}`, {}, token)).statusCode).toBe(200);
  });
});

describe('Graph authentication', () => {
  it('answers 401 InvalidAuthenticationToken without, with a malformed, or with a foreign-audience token', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/v1.0/users' });
    expect(none.statusCode).toBe(401);
    expect(none.json<GraphError>().error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token is empty.' });
    expect(none.headers['www-authenticate']).toMatch(/^Bearer /);
    const malformed = await t.app.inject({ method: 'GET', url: '/v1.0/users', headers: { authorization: 'Bearer abc' } });
    expect(malformed.json<GraphError>().error.code).toBe('InvalidAuthenticationToken');
    const apiToken = await t.apiToken(ADELE_VANCE_ID);
    const wrongAudience = await t.app.inject({ method: 'GET', url: '/v1.0/users', headers: { authorization: `Bearer ${apiToken}` } });
    expect(wrongAudience.json<GraphError>().error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token validation failure. Invalid audience.' });
  });

  it('answers 403 Authorization_RequestDenied when the app lacks the permission, and 401 for another tenant key', async () => {
    const other = await buildDevTenant({ size: 50, campusApp: { applicationPermissions: ['Mail.Send'] } });
    const token = (await other.app.inject({
      method: 'POST', url: `/${other.tenantId}/oauth2/v2.0/token`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: other.campusApp.clientId, client_secret: other.campusApp.clientSecret, scope: 'https://graph.microsoft.com/.default' }).toString(),
    })).json<{ access_token: string }>().access_token;
    const denied = await other.app.inject({ method: 'GET', url: '/v1.0/users', headers: { authorization: `Bearer ${token}` } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json<GraphError>().error).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
    // Each tenant instance signs with its own key: its tokens mean nothing to another instance.
    const foreign = await t.app.inject({ method: 'GET', url: '/v1.0/users', headers: { authorization: `Bearer ${token}` } });
    expect(foreign.statusCode).toBe(401);
    expect(foreign.json<GraphError>().error.code).toBe('InvalidAuthenticationToken');
  });
});
