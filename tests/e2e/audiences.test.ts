/**
 * Audiences end to end: the real server on its own dev tenant (1,500 people), the directory synced through the API,
 * then previews, saved audiences and recipients compared with what the tenant itself holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDevTenant } from '@campus/infra/dev-tenant';
import { ADELE_VANCE_ID, NESTOR_WILKE_ID, PATTI_FERNANDEZ_ID } from '@campus/infra/dev-tenant/personas';
import {
  apiClient,
  startCampus,
  successBodies,
  tokenFor,
  type ApiCall,
  type CampusUnderTest,
} from '../support/campus-server.js';
import { syncDirectory } from '../support/directory-sync.js';
import { startPrivateDevTenant, type DevControls } from '../support/dev-tenant.js';
import type { DevTenantInfo } from '../support/provided-context.js';

type DirectoryUser = RunningDevTenant['state']['users'] extends Map<string, infer U> ? U : never;

let tenant: RunningDevTenant;
let dev: DevControls;
let campus: CampusUnderTest;
let api: ApiCall;

const total = async (rule: unknown) =>
  (await api<{ total: number }>('POST', '/api/audiences/preview', { rule })).total;
const users = (): DirectoryUser[] => [...tenant.state.users.values()];
const enabled = (predicate: (user: DirectoryUser) => boolean) =>
  users().filter((user) => user.accountEnabled && predicate(user)).length;

/** Whether `user` reports to `managerId` through any number of managers, from the tenant's own data. */
function isUnder(user: DirectoryUser, managerId: string): boolean {
  for (let id = user.managerId; id; id = tenant.state.users.get(id)?.managerId ?? null)
    if (id === managerId) return true;
  return false;
}

function transitiveUsers(groupId: string, seen = new Set<string>()): Set<string> {
  const found = new Set<string>();
  for (const id of tenant.state.groups.get(groupId)?.memberIds ?? []) {
    if (tenant.state.users.has(id)) found.add(id);
    else if (!seen.has(id)) {
      seen.add(id);
      for (const user of transitiveUsers(id, seen)) found.add(user);
    }
  }
  return found;
}

/** Someone at each level of the seeded hierarchy: a VP, a director, a manager with a team lead below. */
function hierarchy() {
  const ceo = users().find((user) => user.managerId === null && user.jobTitle === 'Chief Executive Officer')!;
  const reportsOf = (id: string) => users().filter((user) => user.managerId === id);
  const vp = reportsOf(ceo.id).find((user) => user.department === 'Sales')!;
  const director = reportsOf(vp.id).find((user) => reportsOf(user.id).length > 0)!;
  const manager = reportsOf(director.id).find((user) =>
    reportsOf(user.id).some((report) => reportsOf(report.id).length > 0),
  )!;
  return { ceo, vp, director, manager };
}

beforeAll(async () => {
  let info: DevTenantInfo;
  ({ tenant, info, dev } = await startPrivateDevTenant(1500));
  campus = await startCampus({
    devTenant: info,
    // Synced only when the test asks, so each step waits for the round it asked for.
    env: { DIRECTORY_SYNC_INTERVAL_MS: '0' },
  });
  api = successBodies(apiClient(campus.url, await tokenFor(campus.devTenant, PATTI_FERNANDEZ_ID)));
  await syncDirectory(api, { full: true, timeoutMs: 240_000 });
}, 300_000);
afterAll(async () => {
  await campus?.close();
  await tenant?.stop();
});

describe('audiences against a synced dev tenant', () => {
  it('counts a department in an office as the directory does', async () => {
    expect(
      await total({ all: [{ department: { is: ['sales'] } }, { officeLocation: { is: ['London'] } }] }),
    ).toBe(enabled((user) => user.department === 'Sales' && user.officeLocation === 'London'));
    expect(await total({ jobTitle: { startsWith: 'senior' } })).toBe(
      enabled((user) => (user.jobTitle ?? '').toLowerCase().startsWith('senior')),
    );
  });

  it('follows the manager chain under a VP, a director and a manager, and direct reports only', async () => {
    const { ceo, vp, director, manager } = hierarchy();
    for (const person of [ceo, vp, director, manager]) {
      expect(await total({ manager: { under: person.id } })).toBe(
        enabled((user) => isUnder(user, person.id)),
      );
    }
    expect(await total({ manager: { under: manager.id, scope: 'direct' } })).toBe(
      enabled((user) => user.managerId === manager.id),
    );
    expect(enabled((user) => isUnder(user, manager.id))).toBeGreaterThan(
      enabled((user) => user.managerId === manager.id),
    );
  });

  it('takes group members through nested groups', async () => {
    const emea = [...tenant.state.groups.values()].find((group) => group.displayName === 'EMEA Offices')!;
    const members = transitiveUsers(emea.id);
    expect(await total({ group: { memberOf: emea.id } })).toBe(enabled((user) => members.has(user.id)));
  });

  it('resolves a saved audience in pages, everyone once, as many as its preview', async () => {
    const { vp } = hierarchy();
    const saved = await api<{ id: string }>('POST', '/api/audiences', {
      name: 'Sales outside Seattle',
      rule: { all: [{ manager: { under: vp.id } }, { not: { officeLocation: { is: ['Seattle HQ'] } } }] },
    });
    const preview = await api<{ total: number; byOffice: Array<{ value: string | null; count: number }> }>(
      'GET',
      `/api/audiences/${saved.id}/preview`,
    );
    expect(preview.byOffice.map((entry) => entry.value)).not.toContain('Seattle HQ');
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { members: Array<{ id: string }>; nextCursor: string | null } = await api(
        'GET',
        `/api/audiences/${saved.id}/members?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      );
      for (const member of page.members) {
        expect(seen.has(member.id)).toBe(false);
        seen.add(member.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(preview.total);
    expect(preview.total).toBe(
      enabled((user) => isUnder(user, vp.id) && user.officeLocation !== 'Seattle HQ'),
    );
  });

  it('ranks the expert of a topic first, and explains why', async () => {
    const found = await api<{ experts: Array<{ id: string; score: number; matchedIn: string[] }> }>(
      'GET',
      '/api/experts?topic=SAP%20Power%20BI%20dashboards&limit=10',
    );
    expect(found.experts[0]).toMatchObject({
      id: NESTOR_WILKE_ID,
      matchedIn: ['skills', 'responsibilities', 'aboutMe'],
    });
    const scores = found.experts.map((expert) => expert.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('sees an incremental sync: a move between departments, a new manager, a disabled account', async () => {
    const { director, manager } = hierarchy();
    const mover = users().find(
      (user) => user.accountEnabled && user.department === 'Sales' && user.managerId === manager.id,
    )!;
    // Someone without reports of their own: moving a whole subtree is the sync's business, not the audience's.
    const hasReports = new Set(users().map((user) => user.managerId));
    const newReport = users().find(
      (user) =>
        user.accountEnabled &&
        user.department === 'Engineering' &&
        user.managerId !== null &&
        !hasReports.has(user.id) &&
        !isUnder(user, director.id),
    )!;
    const leaver = users().find(
      (user) => user.accountEnabled && user.managerId === manager.id && user.id !== mover.id,
    )!;
    const marketing = await total({ department: { is: ['Marketing'] } });
    const underDirector = await total({ manager: { under: director.id } });
    await dev('PATCH', `/users/${mover.id}`, { department: 'Marketing' });
    await dev('PATCH', `/users/${newReport.id}`, { managerId: manager.id });
    await dev('PATCH', `/users/${leaver.id}`, { accountEnabled: false });

    await syncDirectory(api, { full: false, timeoutMs: 120_000 });
    expect(await total({ department: { is: ['Marketing'] } })).toBe(marketing + 1);
    expect(await total({ manager: { under: director.id } })).toBe(underDirector + 1 - 1);
    const direct = await api<{ total: number; sample: Array<{ id: string }> }>(
      'POST',
      '/api/audiences/preview',
      { rule: { manager: { under: manager.id, scope: 'direct' } } },
    );
    expect(direct.total).toBe(enabled((user) => user.managerId === manager.id));
    expect(await total({ people: { include: [leaver.id, newReport.id] } })).toBe(1);
  });

  it('is for organizers only', async () => {
    const asEmployee = apiClient(campus.url, await tokenFor(campus.devTenant, ADELE_VANCE_ID));
    expect(
      await asEmployee('POST', '/api/audiences/preview', { rule: { city: { is: ['London'] } } }),
    ).toMatchObject({ status: 403, body: { code: 'CAMPUS_ERR_FORBIDDEN' } });
    expect(await asEmployee('GET', '/api/experts?topic=SAP')).toMatchObject({
      status: 403,
      body: { code: 'CAMPUS_ERR_FORBIDDEN' },
    });
  });
});
