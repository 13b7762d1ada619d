import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, TEST_BASE_URL, type TestTenant } from '../../test-support.js';
import { ALEX_WILBER_ID, MEGAN_BOWEN_ID } from '../../seed/personas.js';

type Page = { '@odata.context': string; '@odata.nextLink'?: string; '@odata.count'?: number; value: Array<Record<string, unknown>> };
type GraphError = { error: { code: string; message: string; innerError: { date: string; 'request-id': string; 'client-request-id': string } } };

let t: TestTenant;
const EVENTUAL = { consistencylevel: 'eventual' };
const get = async (url: string, headers: Record<string, string> = {}) => t.graph('GET', url, { headers });

beforeAll(async () => {
  t = await createTestTenant({ size: 600 });
});

describe('GET /users', () => {
  it('answers the default property set, 100 per page, with a nextLink that pages through everyone once', async () => {
    const first = (await get('/v1.0/users')).json<Page>();
    expect(first['@odata.context']).toBe(`${TEST_BASE_URL}/v1.0/$metadata#users`);
    expect(first.value).toHaveLength(100);
    expect(Object.keys(first.value[0]!).sort()).toEqual(['businessPhones', 'displayName', 'givenName', 'id', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName'].sort());
    const seen = new Set<string>();
    let page: Page = first;
    for (;;) {
      for (const user of page.value) seen.add(user.id as string);
      if (!page['@odata.nextLink']) break;
      const next = new URL(page['@odata.nextLink']);
      expect(next.origin).toBe(TEST_BASE_URL);
      page = (await get(`${next.pathname}${next.search}`)).json<Page>();
    }
    expect(seen.size).toBe(600);
  });

  it('applies $select and $top, and the nextLink keeps them', async () => {
    const page = (await get('/v1.0/users?$select=displayName,department&$top=5')).json<Page>();
    expect(page['@odata.context']).toBe(`${TEST_BASE_URL}/v1.0/$metadata#users(displayName,department)`);
    expect(page.value).toHaveLength(5);
    expect(Object.keys(page.value[0]!)).toEqual(['displayName', 'department', 'id']);
    const next = new URL(page['@odata.nextLink']!);
    expect(next.searchParams.get('$select')).toBe('displayName,department');
    expect(next.searchParams.get('$top')).toBe('5');
    expect(next.searchParams.get('$skiptoken')).toBeTruthy();
  });

  it('filters with eq, in, startswith, and/or on directory properties, ignoring case', async () => {
    const marketing = (await get("/v1.0/users?$filter=department eq 'marketing'&$top=999&$select=department")).json<Page>();
    expect(marketing.value.length).toBeGreaterThan(10);
    expect(marketing.value.every((u) => u.department === 'Marketing')).toBe(true);
    const combined = (await get("/v1.0/users?$filter=(city eq 'London' or city eq 'Paris') and startswith(displayName,'a') and accountEnabled eq true&$select=city,displayName,accountEnabled&$top=999")).json<Page>();
    expect(combined.value.length).toBeGreaterThan(0);
    for (const user of combined.value) {
      expect(['London', 'Paris']).toContain(user.city);
      expect((user.displayName as string).toLowerCase().startsWith('a')).toBe(true);
    }
    const inList = (await get(`/v1.0/users?$filter=id in ('${MEGAN_BOWEN_ID}', '${ALEX_WILBER_ID}')&$select=displayName`)).json<Page>();
    expect(inList.value.map((u) => u.displayName).sort()).toEqual(['Alex Wilber', 'Megan Bowen']);
    const byEmployeeType = (await get("/v1.0/users?$filter=employeeType eq 'Contractor' and officeLocation eq 'Seattle HQ'&$select=employeeType,officeLocation&$top=999")).json<Page>();
    expect(byEmployeeType.value.every((u) => u.employeeType === 'Contractor' && u.officeLocation === 'Seattle HQ')).toBe(true);
  });

  it('needs the advanced query parameters for ne, not and endsWith, then answers them with @odata.count', async () => {
    const plain = await get('/v1.0/users?$filter=accountEnabled ne true');
    expect(plain.statusCode).toBe(400);
    expect(plain.json<GraphError>().error.code).toBe('Request_UnsupportedQuery');
    expect(plain.json<GraphError>().error.message).toMatch(/^Operator 'ne' is not supported because the required parameters might be missing/);
    const countOnly = await get("/v1.0/users?$filter=endsWith(mail,'@contoso-dev.onmicrosoft.com')&$count=true");
    expect(countOnly.json<GraphError>().error.code).toBe('Request_UnsupportedQuery');
    const disabled = (await get('/v1.0/users?$filter=accountEnabled ne true&$count=true&$select=accountEnabled&$top=999', EVENTUAL)).json<Page>();
    const expected = [...t.state.users.values()].filter((u) => !u.accountEnabled).length;
    expect(expected).toBeGreaterThan(0);
    expect(disabled['@odata.count']).toBe(expected);
    expect(disabled.value).toHaveLength(expected);
    const notSales = (await get("/v1.0/users?$filter=not(department eq 'Sales')&$count=true&$top=1", EVENTUAL)).json<Page>();
    expect(notSales['@odata.count']).toBe([...t.state.users.values()].filter((u) => u.department !== 'Sales').length);
  });

  it('ignores $count=true without ConsistencyLevel, as Graph does', async () => {
    const page = (await get('/v1.0/users?$count=true&$top=1')).json<Page>();
    expect(page['@odata.count']).toBeUndefined();
  });

  it('counts with /users/$count only with ConsistencyLevel: eventual', async () => {
    const without = await get('/v1.0/users/$count');
    expect(without.statusCode).toBe(400);
    expect(without.json<GraphError>().error).toMatchObject({ code: 'Request_BadRequest', message: '$count is not currently supported.' });
    const counted = await get("/v1.0/users/$count?$filter=department eq 'Sales'", EVENTUAL);
    expect(counted.headers['content-type']).toMatch(/text\/plain/);
    expect(counted.body).toBe(String([...t.state.users.values()].filter((u) => u.department === 'Sales').length));
  });

  it('orders by displayName and searches with ConsistencyLevel', async () => {
    const ordered = (await get('/v1.0/users?$orderby=displayName&$select=displayName&$top=50')).json<Page>();
    const names = ordered.value.map((u) => u.displayName as string);
    expect(names).toEqual([...names].sort());
    const withFilter = await get("/v1.0/users?$orderby=displayName&$filter=department eq 'Sales'");
    expect(withFilter.json<GraphError>().error.code).toBe('Request_UnsupportedQuery');
    const noHeader = await get('/v1.0/users?$search="displayName:megan"');
    expect(noHeader.json<GraphError>().error.message).toBe("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
    const found = (await get('/v1.0/users?$search="displayName:bowen"&$select=displayName', EVENTUAL)).json<Page>();
    expect(found.value.map((u) => u.displayName)).toContain('Megan Bowen');
  });

  it('rejects unknown properties and single-user-only properties in lists, like Graph', async () => {
    const unknownSelect = await get('/v1.0/users?$select=displayName,shoeSize');
    expect(unknownSelect.statusCode).toBe(400);
    expect(unknownSelect.json<GraphError>().error).toMatchObject({ code: 'BadRequest', message: "Could not find a property named 'shoeSize' on type 'microsoft.graph.user'." });
    const unknownFilter = await get("/v1.0/users?$filter=shoeSize eq '42'");
    expect(unknownFilter.json<GraphError>().error.code).toBe('BadRequest');
    const unfilterable = await get("/v1.0/users?$filter=skills eq 'SAP'");
    expect(unfilterable.json<GraphError>().error).toMatchObject({ code: 'Request_UnsupportedQuery', message: "Unsupported or invalid query filter clause specified for property 'skills' of resource 'User'." });
    const skillsInList = await get('/v1.0/users?$select=skills');
    expect(skillsInList.json<GraphError>().error.code).toBe('Request_UnsupportedQuery');
    const badTop = await get('/v1.0/users?$top=1000');
    expect(badTop.statusCode).toBe(400);
    const badToken = await get('/v1.0/users?$skiptoken=not-a-token');
    expect(badToken.json<GraphError>().error.code).toBe('Directory_ExpiredPageToken');
  });

  it('stays stable when users change between pages (keyset paging)', async () => {
    const first = (await get('/v1.0/users?$top=10&$select=id')).json<Page>();
    const removed = first.value[3]!.id as string;
    const lastOnPage = first.value[9]!.id as string;
    const state = t.state;
    const user = state.users.get(removed)!;
    state.users.delete(removed);
    state.directoryVersion += 1;
    try {
      const next = new URL(first['@odata.nextLink']!);
      const second = (await get(`${next.pathname}${next.search}`)).json<Page>();
      expect((second.value[0]!.id as string) > lastOnPage).toBe(true);
    } finally {
      state.users.set(removed, user);
      state.directoryVersion += 1;
    }
  });
});

describe('GET /users/{id}', () => {
  it('finds a user by id or userPrincipalName, with single-user properties on $select', async () => {
    const byUpn = (await get('/v1.0/users/meganb@contoso-dev.onmicrosoft.com')).json<Record<string, unknown>>();
    expect(byUpn).toMatchObject({ id: MEGAN_BOWEN_ID, displayName: 'Megan Bowen', '@odata.context': `${TEST_BASE_URL}/v1.0/$metadata#users/$entity` });
    const profile = (await get(`/v1.0/users/${MEGAN_BOWEN_ID}?$select=skills,aboutMe,responsibilities,department`)).json<Record<string, unknown>>();
    expect(profile).toMatchObject({ skills: ['Salesforce', 'Campaign planning'], department: 'Marketing', id: MEGAN_BOWEN_ID });
  });

  it('answers 404 Request_ResourceNotFound for unknown users', async () => {
    const response = await get('/v1.0/users/nobody@contoso-dev.onmicrosoft.com');
    expect(response.statusCode).toBe(404);
    const body = response.json<GraphError>();
    expect(body.error.code).toBe('Request_ResourceNotFound');
    expect(body.error.innerError['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(response.headers['request-id']).toBe(body.error.innerError['request-id']);
  });
});
