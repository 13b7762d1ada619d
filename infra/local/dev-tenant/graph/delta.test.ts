import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, type TestTenant } from '../test-support.js';
import { ADELE_VANCE_ID, ALEX_WILBER_ID, MEGAN_BOWEN_ID, NESTOR_WILKE_ID } from '../seed/personas.js';

type DeltaPage = { '@odata.context': string; '@odata.nextLink'?: string; '@odata.deltaLink'?: string; value: Array<Record<string, unknown>> };

let t: TestTenant;
const local = (link: string) => `${new URL(link).pathname}${new URL(link).search}`;

/** Follows nextLinks to the deltaLink, as a sync client does. */
async function round(url: string, headers: Record<string, string> = {}): Promise<{ items: Array<Record<string, unknown>>; deltaLink: string; pages: number }> {
  const items: Array<Record<string, unknown>> = [];
  let pages = 0;
  for (let next = url; ; ) {
    const response = await t.graph('GET', next, { headers });
    expect(response.statusCode).toBe(200);
    const page = response.json<DeltaPage>();
    pages++;
    items.push(...page.value);
    if (page['@odata.deltaLink']) return { items, deltaLink: local(page['@odata.deltaLink']), pages };
    next = local(page['@odata.nextLink']!);
  }
}

/** Someone nobody reports to (deleting them changes no one else), outside `exclude`. */
function leaf(exclude: string[]) {
  const managers = new Set([...t.state.users.values()].map((u) => u.managerId));
  return [...t.state.users.values()].find((u) => !managers.has(u.id) && !exclude.includes(u.id))!;
}

const dev = (method: 'PATCH' | 'POST' | 'DELETE', url: string, body?: object) =>
  t.app.inject({ method, url, ...(body ? { payload: body } : {}) });

beforeAll(async () => {
  t = await createTestTenant({ size: 450 });
});

describe('GET /users/delta', () => {
  it('returns everyone over pages of 100, then a deltaLink; Prefer: odata.maxpagesize changes the page size', async () => {
    const full = await round('/v1.0/users/delta?$select=displayName,department,jobTitle,accountEnabled');
    expect(full.pages).toBe(5);
    expect(new Set(full.items.map((u) => u.id)).size).toBe(450);
    expect(Object.keys(full.items[0]!).sort()).toEqual(['accountEnabled', 'department', 'displayName', 'id', 'jobTitle']);
    const big = await t.graph('GET', '/v1.0/users/delta?$select=displayName', { headers: { prefer: 'odata.maxpagesize=999' } });
    expect(big.json<DeltaPage>().value).toHaveLength(450);
    expect(big.headers['preference-applied']).toBe('odata.maxpagesize=999');
    const again = (await t.graph('GET', full.deltaLink)).json<DeltaPage>();
    expect(again.value).toEqual([]);
    expect(again['@odata.deltaLink']).toBeTruthy();
  });

  it('reports only what changed since the deltaLink: moves, new managers, disabled accounts, creations and deletions', async () => {
    const select = '$select=displayName,department,jobTitle,accountEnabled,manager';
    const { deltaLink } = await round(`/v1.0/users/delta?${select}`);
    const newHireId = '0f0f0f0f-1111-4222-8333-444455556666';
    const deleted = leaf([ADELE_VANCE_ID, ALEX_WILBER_ID, NESTOR_WILKE_ID, MEGAN_BOWEN_ID]);
    expect((await dev('PATCH', `/_dev/users/${ADELE_VANCE_ID}`, { department: 'Sales' })).statusCode).toBe(200);
    expect((await dev('PATCH', `/_dev/users/${ALEX_WILBER_ID}`, { managerId: MEGAN_BOWEN_ID })).statusCode).toBe(200);
    expect((await dev('PATCH', `/_dev/users/${NESTOR_WILKE_ID}`, { accountEnabled: false })).statusCode).toBe(200);
    expect((await dev('PATCH', `/_dev/users/${MEGAN_BOWEN_ID}`, { aboutMe: 'Not tracked by this selection.' })).statusCode).toBe(200);
    expect((await dev('POST', '/_dev/users', { id: newHireId, displayName: 'Nora Newhire', userPrincipalName: 'nora.newhire@contoso-dev.onmicrosoft.com', department: 'Marketing', managerId: MEGAN_BOWEN_ID })).statusCode).toBe(201);
    expect((await dev('DELETE', `/_dev/users/${deleted.id}`)).statusCode).toBe(204);

    const changes = await round(deltaLink);
    const byId = new Map(changes.items.map((item) => [item.id as string, item]));
    expect(byId.get(ADELE_VANCE_ID)).toEqual({ id: ADELE_VANCE_ID, department: 'Sales' });
    expect(byId.get(ALEX_WILBER_ID)).toEqual({ id: ALEX_WILBER_ID, 'manager@delta': [{ '@odata.type': '#microsoft.graph.user', id: MEGAN_BOWEN_ID }] });
    expect(byId.get(NESTOR_WILKE_ID)).toEqual({ id: NESTOR_WILKE_ID, accountEnabled: false });
    expect(byId.has(MEGAN_BOWEN_ID)).toBe(false);
    expect(byId.get(newHireId)).toMatchObject({ displayName: 'Nora Newhire', department: 'Marketing', 'manager@delta': [{ id: MEGAN_BOWEN_ID }] });
    expect(byId.get(deleted.id)).toEqual({ id: deleted.id, '@removed': { reason: 'changed' } });
    expect(changes.items).toHaveLength(5);

    const quiet = await round(changes.deltaLink);
    expect(quiet.items).toEqual([]);
  });

  it('tells a permanent deletion apart, and a removed manager with @removed', async () => {
    const { deltaLink } = await round('/v1.0/users/delta?$expand=manager&$select=displayName');
    const report = [...t.state.users.values()].find((u) => u.managerId && u.id !== ADELE_VANCE_ID && u.accountEnabled)!;
    const formerManager = report.managerId!;
    const gone = leaf([report.id, formerManager]);
    await dev('PATCH', `/_dev/users/${report.id}`, { managerId: null });
    await dev('DELETE', `/_dev/users/${gone.id}?permanent=true`);
    const changes = await round(deltaLink);
    const byId = new Map(changes.items.map((item) => [item.id as string, item]));
    expect(byId.get(report.id)).toEqual({ id: report.id, 'manager@delta': [{ '@odata.type': '#microsoft.graph.user', id: formerManager, '@removed': { reason: 'deleted' } }] });
    expect(byId.get(gone.id)).toEqual({ id: gone.id, '@removed': { reason: 'deleted' } });
  });

  it('keeps a round consistent when the directory changes between its pages', async () => {
    const first = (await t.graph('GET', '/v1.0/users/delta?$select=displayName,jobTitle')).json<DeltaPage>();
    const seenOnFirstPage = first.value[0]!.id as string;
    await dev('PATCH', `/_dev/users/${seenOnFirstPage}`, { jobTitle: 'Changed mid-round' });
    const rest = await round(local(first['@odata.nextLink']!));
    const next = await round(rest.deltaLink);
    expect(next.items).toContainEqual({ id: seenOnFirstPage, jobTitle: 'Changed mid-round' });
  });

  it('resumes from any stored nextLink (stateless tokens)', async () => {
    const first = (await t.graph('GET', '/v1.0/users/delta?$select=displayName')).json<DeltaPage>();
    const link = local(first['@odata.nextLink']!);
    const a = (await t.graph('GET', link)).json<DeltaPage>();
    const b = (await t.graph('GET', link)).json<DeltaPage>();
    expect(a.value).toEqual(b.value);
    expect(a.value[0]!.id as string > (first.value.at(-1)!.id as string)).toBe(true);
  });
});
