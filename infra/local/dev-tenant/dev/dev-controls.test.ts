import { beforeAll, describe, expect, it } from 'vitest';
import { peekClaims } from '../entra/token-service.js';
import { createTestTenant, type TestTenant } from '../test-support.js';
import { ADELE_VANCE_ID, CAMPUS_ORGANIZERS_GROUP_ID, MEGAN_BOWEN_ID, NESTOR_WILKE_ID, PATTI_FERNANDEZ_ID } from '../seed/personas.js';

type Problem = { statusCode: number; code: string; message: string };

let t: TestTenant;
const dev = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: object) => t.app.inject({ method, url, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestTenant({ size: 120 });
});

describe('/_dev controls', () => {
  it('describes the tenant and its personas', async () => {
    const tenant = (await dev('GET', '/_dev/tenant')).json<Record<string, unknown>>();
    expect(tenant).toMatchObject({ tenantId: t.tenantId, domain: 'contoso-dev.onmicrosoft.com', userCount: 120, groupCount: t.state.groups.size });
    expect((tenant.personas as Array<{ id: string; role: string }>).map((p) => [p.id, p.role])).toContainEqual([PATTI_FERNANDEZ_ID, 'organizer']);
  });

  it('issues user tokens for the Campus API or for Graph, by id or UPN', async () => {
    const api = (await dev('POST', '/_dev/token', { user: 'PattiF@contoso-dev.onmicrosoft.com' })).json<{ access_token: string; token_type: string; expires_in: number }>();
    expect(api).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(peekClaims(api.access_token)).toMatchObject({ aud: t.clientId, oid: PATTI_FERNANDEZ_ID, scp: 'access_as_user', ver: '2.0' });
    const custom = (await dev('POST', '/_dev/token', { user: NESTOR_WILKE_ID, scopes: ['access_as_user', 'admin'], audience: `api://localhost/${t.clientId}` })).json<{ access_token: string }>();
    expect(peekClaims(custom.access_token)).toMatchObject({ aud: `api://localhost/${t.clientId}`, scp: 'access_as_user admin' });
    const unknown = await dev('POST', '/_dev/token', { user: 'ghost@contoso-dev.onmicrosoft.com' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<Problem>().code).toBe('DEV_TENANT_UNKNOWN_USER');
  });

  it('changes users with validation: unknown fields, bad types and reporting cycles are refused', async () => {
    const moved = await dev('PATCH', `/_dev/users/${ADELE_VANCE_ID}`, { officeLocation: 'Tokyo', jobTitle: 'Senior Marketing Specialist' });
    expect(moved.json<{ changed: string[] }>().changed.sort()).toEqual(['city', 'country', 'jobTitle', 'mailboxTimeZone', 'officeLocation']);
    expect(t.state.users.get(ADELE_VANCE_ID)!.mailboxTimeZone).toBe('Tokyo Standard Time');
    expect((await dev('PATCH', `/_dev/users/${ADELE_VANCE_ID}`, { shoeSize: 42 })).json<Problem>()).toMatchObject({ code: 'DEV_TENANT_BAD_USER', message: expect.stringContaining("unknown user field 'shoeSize'") });
    expect((await dev('PATCH', `/_dev/users/${ADELE_VANCE_ID}`, { accountEnabled: 'no' })).json<Problem>().message).toBe('accountEnabled must be a boolean');
    expect((await dev('PATCH', `/_dev/users/${MEGAN_BOWEN_ID}`, { managerId: ADELE_VANCE_ID })).json<Problem>().message).toBe('managerId would create a reporting cycle');
    expect((await dev('PATCH', '/_dev/users/nobody', { jobTitle: 'x' })).statusCode).toBe(404);
  });

  it('creates users that Graph then serves, and refuses duplicate UPNs', async () => {
    const created = await dev('POST', '/_dev/users', { displayName: 'Quinn Created', userPrincipalName: 'quinn.created@contoso-dev.onmicrosoft.com', department: 'IT' });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    const graph = (await t.graph('GET', `/v1.0/users/${id}?$select=displayName,department,givenName,surname`)).json<Record<string, unknown>>();
    expect(graph).toMatchObject({ displayName: 'Quinn Created', department: 'IT', givenName: 'Quinn', surname: 'Created' });
    const duplicate = await dev('POST', '/_dev/users', { displayName: 'Another', userPrincipalName: 'Quinn.Created@contoso-dev.onmicrosoft.com' });
    expect(duplicate.json<Problem>().message).toMatch(/already used/);
  });

  it('adds and removes group members, which Graph membership then reflects', async () => {
    const add = await dev('POST', `/_dev/groups/${CAMPUS_ORGANIZERS_GROUP_ID}/members/${NESTOR_WILKE_ID}`);
    expect(add.json<{ changed: boolean }>().changed).toBe(true);
    const check = async () => (await t.graph('POST', `/v1.0/users/${NESTOR_WILKE_ID}/checkMemberGroups`, { body: { groupIds: [CAMPUS_ORGANIZERS_GROUP_ID] } })).json<{ value: string[] }>().value;
    expect(await check()).toEqual([CAMPUS_ORGANIZERS_GROUP_ID]);
    await dev('DELETE', `/_dev/groups/${CAMPUS_ORGANIZERS_GROUP_ID}/members/${NESTOR_WILKE_ID}`);
    expect(await check()).toEqual([]);
    expect((await dev('POST', `/_dev/groups/${CAMPUS_ORGANIZERS_GROUP_ID}/members/ghost`)).json<Problem>().code).toBe('DEV_TENANT_UNKNOWN_MEMBER');
  });

  it('deletes users: Graph answers 404 and their reports lose the manager', async () => {
    const report = [...t.state.users.values()].find((u) => u.managerId && u.managerId !== MEGAN_BOWEN_ID && ![...t.state.users.values()].some((r) => r.managerId === u.id))!;
    const manager = report.managerId!;
    expect((await dev('DELETE', `/_dev/users/${manager}`)).statusCode).toBe(204);
    expect((await t.graph('GET', `/v1.0/users/${manager}`)).statusCode).toBe(404);
    expect((await t.graph('GET', `/v1.0/users/${report.id}/manager`)).statusCode).toBe(404);
  });
});

describe('wiring', () => {
  it('serves the calendar and mail plugins behind Graph auth, /me included', async () => {
    const token = await t.userGraphToken(PATTI_FERNANDEZ_ID);
    const events = await t.graph('GET', '/v1.0/me/events?$top=5', { token });
    expect(events.statusCode).toBe(200);
    expect(events.json<{ value: unknown[] }>().value).toBeInstanceOf(Array);
    const anonymous = await t.app.inject({ method: 'GET', url: `/v1.0/users/${PATTI_FERNANDEZ_ID}/events` });
    expect(anonymous.statusCode).toBe(401);
    expect((await dev('GET', '/_dev/outbox')).statusCode).toBe(200);
  });

  it('answers Graph unknown segments with Graph\'s error body and the OIDC userinfo for a Graph token', async () => {
    const unknown = await t.graph('GET', '/v1.0/teleporters');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('BadRequest');
    const token = await t.userGraphToken(PATTI_FERNANDEZ_ID);
    const info = await t.app.inject({ method: 'GET', url: '/oidc/userinfo', headers: { authorization: `Bearer ${token}` } });
    expect(info.json()).toMatchObject({ name: 'Patti Fernandez', email: 'PattiF@contoso-dev.onmicrosoft.com' });
  });
});
