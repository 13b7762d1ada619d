import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, type TestTenant } from '../../test-support.js';
import { ALEX_WILBER_ID, CAMPUS_ORGANIZERS_GROUP_ID, PATTI_FERNANDEZ_ID } from '../../seed/personas.js';

type Page = {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
  value: Array<Record<string, unknown>>;
};
type GraphError = { error: { code: string; message: string } };

let t: TestTenant;
const EVENTUAL = { consistencylevel: 'eventual' };
const get = (url: string, headers: Record<string, string> = {}) => t.graph('GET', url, { headers });
const group = (name: string) => [...t.state.groups.values()].find((g) => g.displayName === name)!;

async function all(
  url: string,
  headers: Record<string, string> = {},
): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  for (let next: string | null = url; next;) {
    const page: Page = (await get(next, headers)).json<Page>();
    items.push(...page.value);
    next = page['@odata.nextLink']
      ? `${new URL(page['@odata.nextLink']).pathname}${new URL(page['@odata.nextLink']).search}`
      : null;
  }
  return items;
}

beforeAll(async () => {
  t = await createTestTenant({ size: 600 });
});

describe('groups', () => {
  it('lists groups with $filter and reads one, with Campus Organizers as a security group', async () => {
    const groups = await all('/v1.0/groups?$select=displayName,securityEnabled');
    expect(groups).toHaveLength(t.state.groups.size);
    const organizers = (await get(`/v1.0/groups/${CAMPUS_ORGANIZERS_GROUP_ID}`)).json<
      Record<string, unknown>
    >();
    expect(organizers).toMatchObject({
      displayName: 'Campus Organizers',
      securityEnabled: true,
      mailEnabled: false,
      groupTypes: [],
    });
    const filtered = (
      await get("/v1.0/groups?$filter=startswith(displayName,'All ')&$select=displayName")
    ).json<Page>();
    expect(filtered.value.length).toBeGreaterThan(10);
    expect(filtered.value.every((g) => (g.displayName as string).startsWith('All '))).toBe(true);
    const missing = await get('/v1.0/groups/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<GraphError>().error.code).toBe('Request_ResourceNotFound');
  });

  it('searches groups by a word of the displayName, sorted by name as an advanced query', async () => {
    const url =
      '/v1.0/groups?$search="displayName:off"&$orderby=displayName&$count=true&$select=id,displayName,description&$top=5';
    const page = (await get(url, EVENTUAL)).json<Page>();
    const offices = [...t.state.groups.values()].filter((g) =>
      g.displayName.split(' ').some((word) => word.toLowerCase().startsWith('off')),
    );
    expect(page['@odata.count']).toBe(offices.length);
    const names = page.value.map((g) => g.displayName as string);
    expect(names).toEqual(
      offices
        .map((g) => g.displayName)
        .sort()
        .slice(0, 5),
    );
    expect(Object.keys(page.value[0]!).sort()).toEqual(['description', 'displayName', 'id']);
    const rest = await all(url, EVENTUAL);
    expect(rest.map((g) => g.displayName)).toEqual(offices.map((g) => g.displayName).sort());
    const unsorted = await get('/v1.0/groups?$orderby=displayName');
    expect(unsorted.statusCode).toBe(400);
    expect(unsorted.json<GraphError>().error.code).toBe('Request_UnsupportedQuery');
    const withoutHeader = await get('/v1.0/groups?$search="displayName:off"');
    expect(withoutHeader.json<GraphError>().error.code).toBe('Request_UnsupportedQuery');
  });

  it('lists direct members with @odata.type, users and nested groups', async () => {
    const members = await all(`/v1.0/groups/${group('EMEA Offices').id}/members`);
    expect(members.map((m) => m.displayName).sort()).toEqual(['London Office', 'Paris Office']);
    expect(members.every((m) => m['@odata.type'] === '#microsoft.graph.group')).toBe(true);
    const organizers = await all(`/v1.0/groups/${CAMPUS_ORGANIZERS_GROUP_ID}/members?$select=id,displayName`);
    expect(organizers.map((m) => m.id)).toContain(PATTI_FERNANDEZ_ID);
    expect(organizers[0]!['@odata.type']).toBe('#microsoft.graph.user');
  });

  it('lists transitive members through nested groups, cast to users or groups, with $count', async () => {
    const allOffices = group('All Offices');
    const users = await all(
      `/v1.0/groups/${allOffices.id}/transitiveMembers/microsoft.graph.user?$select=id&$top=100`,
    );
    expect(users).toHaveLength(t.state.users.size);
    expect(users.map((u) => u.id)).toContain(ALEX_WILBER_ID);
    const groups = (
      await get(
        `/v1.0/groups/${allOffices.id}/transitiveMembers/microsoft.graph.group?$count=true&$select=displayName`,
        EVENTUAL,
      )
    ).json<Page>();
    expect(groups['@odata.context']).toMatch(/\$metadata#groups/);
    expect(groups['@odata.count']).toBe(3 + 7);
    const count = await get(`/v1.0/groups/${allOffices.id}/transitiveMembers/$count`, EVENTUAL);
    expect(count.body).toBe(String(t.state.users.size + 10));
    const searched = (
      await get(
        `/v1.0/groups/${group('London Office').id}/members/microsoft.graph.user?$count=true&$search="displayName:alex"&$select=displayName,id`,
        EVENTUAL,
      )
    ).json<Page>();
    expect(searched.value.map((u) => u.displayName)).toContain('Alex Wilber');
    expect(searched['@odata.count']).toBe(searched.value.length);
  });

  it('rejects an unknown type cast and unknown properties', async () => {
    const cast = await get(`/v1.0/groups/${CAMPUS_ORGANIZERS_GROUP_ID}/members/microsoft.graph.device`);
    expect(cast.statusCode).toBe(400);
    expect(cast.json<GraphError>().error.code).toBe('BadRequest');
    const select = await get('/v1.0/groups?$select=visibility2');
    expect(select.json<GraphError>().error.message).toBe(
      "Could not find a property named 'visibility2' on type 'microsoft.graph.group'.",
    );
  });

  it('lists the groups a group belongs to, directly and transitively', async () => {
    const london = group('London Office').id;
    const direct = (await get(`/v1.0/groups/${london}/memberOf`)).json<Page>();
    expect(direct.value.map((g) => g.displayName)).toEqual(['EMEA Offices']);
    const transitive = (await get(`/v1.0/groups/${london}/transitiveMemberOf`)).json<Page>();
    expect(transitive.value.map((g) => g.displayName).sort()).toEqual(['All Offices', 'EMEA Offices']);
  });
});
