/**
 * Transitive group members from a dev tenant of its own (1,200 people, so the largest group takes two pages of 999),
 * where nested groups can be changed without touching the run's shared tenant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevCertificates } from '../../../../infra/local/dev-ca.js';
import { startDevTenant, type RunningDevTenant } from '../../../../infra/local/dev-tenant/index.js';
import { NESTOR_WILKE_ID } from '../../../../infra/local/dev-tenant/seed/personas.js';
import { createGraphGateway } from './graph-gateway.js';
import { createGroupMembersSource } from './group-members.js';

let tenant: RunningDevTenant;
let source: ReturnType<typeof createGroupMembersSource>;
let scope: { tenantId: string };

beforeAll(async () => {
  tenant = await startDevTenant({ size: 1200, certificates: await ensureDevCertificates() });
  scope = { tenantId: tenant.tenantId };
  source = createGroupMembersSource(
    createGraphGateway({
      tenantId: tenant.tenantId,
      clientId: tenant.campusApp.clientId,
      clientSecret: tenant.campusApp.clientSecret,
      authorityHost: tenant.url,
      graphBaseUrl: tenant.url,
    }),
  );
});
afterAll(() => tenant?.stop());

function groupNamed(displayName: string) {
  const group = [...tenant.state.groups.values()].find((candidate) => candidate.displayName === displayName);
  if (!group) throw new Error(`the seed has no group '${displayName}'`);
  return group;
}

/** Users reachable from a group through nested groups, from the tenant's own state. */
function expectedUsers(groupId: string, seen = new Set<string>()): Set<string> {
  const users = new Set<string>();
  for (const memberId of tenant.state.groups.get(groupId)?.memberIds ?? []) {
    if (tenant.state.users.has(memberId)) users.add(memberId);
    else if (!seen.has(memberId)) {
      seen.add(memberId);
      for (const user of expectedUsers(memberId, seen)) users.add(user);
    }
  }
  return users;
}

async function stats(): Promise<{ byRoute: Record<string, number> }> {
  return (await fetch(`${tenant.url}/_dev/stats`)).json() as Promise<{ byRoute: Record<string, number> }>;
}

describe('createGroupMembersSource', () => {
  it('lists the users of nested groups, through every page', async () => {
    const allOffices = groupNamed('All Offices');
    await fetch(`${tenant.url}/_dev/stats/reset`, { method: 'POST' });
    const ids = await source.fetchTransitiveUserIds(scope, allOffices.id);
    expect(new Set(ids)).toEqual(expectedUsers(allOffices.id));
    expect(ids!.length).toBeGreaterThan(999);
    const requests = Object.entries((await stats()).byRoute).filter(([route]) => route.includes('transitiveMembers'));
    expect(requests.reduce((sum, [, count]) => sum + count, 0)).toBe(2);
  });

  it('sees a person added to a group nested two levels down', async () => {
    const guild = groupNamed('Data & Analytics Guild');
    const before = await source.fetchTransitiveUserIds(scope, guild.id);
    expect(before).toContain(NESTOR_WILKE_ID);
    const nested = guild.memberIds.find((id) => tenant.state.groups.has(id))!;
    const newcomer = [...tenant.state.users.keys()].find((id) => !before!.includes(id))!;
    const added = await fetch(`${tenant.url}/_dev/groups/${nested}/members/${newcomer}`, { method: 'POST' });
    expect(added.ok).toBe(true);
    expect(await source.fetchTransitiveUserIds(scope, guild.id)).toContain(newcomer);
  });

  it('answers null for a group that does not exist, and for an id that is not one without asking', async () => {
    expect(await source.fetchTransitiveUserIds(scope, '00000000-0000-4000-8000-00000000dead')).toBeNull();
    await fetch(`${tenant.url}/_dev/stats/reset`, { method: 'POST' });
    expect(await source.fetchTransitiveUserIds(scope, 'not-a-guid')).toBeNull();
    expect(Object.keys((await stats()).byRoute)).toEqual([]);
  });
});
