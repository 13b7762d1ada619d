/**
 * The directory sync end to end on a dev tenant of its own (it changes the directory and switches faults on):
 * through the real server's API, and through the use case on the real adapters where a crash is simulated.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { RunningDevTenant } from '@campus/infra/dev-tenant';
import { ADELE_VANCE_ID, PATTI_FERNANDEZ_ID } from '@campus/infra/dev-tenant/personas';
import { createDirectorySource } from '../../api/src/adapters/graph/directory-source.js';
import { createGraphGateway } from '../../api/src/adapters/graph/graph-gateway.js';
import {
  createDirectoryStore,
  type DirectoryPersonDocument,
} from '../../api/src/adapters/mongo/directory-store.js';
import { ensureIndexes } from '../../api/src/adapters/mongo/indexes.js';
import { createLeaseStore } from '../../api/src/adapters/mongo/lease-store.js';
import { createSyncStateStore } from '../../api/src/adapters/mongo/sync-state-store.js';
import type { DirectorySource } from '../../api/src/domain/directory/directory-source.js';
import { createDirectorySync } from '../../api/src/domain/directory/sync-directory.js';
import { apiClient, startCampus, tokenFor, type CampusUnderTest } from '../support/campus-server.js';
import type { SyncStatus } from '../support/directory-sync.js';
import { graphGatewayConfig, startPrivateDevTenant, type DevControls } from '../support/dev-tenant.js';
import type { DevTenantInfo } from '../support/provided-context.js';

let tenant: RunningDevTenant;
let info: DevTenantInfo;
let dev: DevControls;
let mongo: MongoClient;

/** Requests to GET /users/delta since the last reset, as the dev tenant counted them. */
async function deltaRequests(): Promise<number> {
  const stats = await dev<{ byRoute: Record<string, number> }>('GET', '/stats');
  return Object.entries(stats.byRoute)
    .filter(([route]) => route.endsWith('/users/delta'))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** Chains computed here from the dev tenant's own state, independently of the code under test. */
function expectedChain(managerOf: Map<string, string | null>, id: string): string[] {
  const chain: string[] = [];
  for (
    let manager = managerOf.get(id) ?? null;
    manager !== null && !chain.includes(manager);
    manager = managerOf.get(manager) ?? null
  )
    chain.push(manager);
  return chain;
}

/** Checks that the stored directory is the dev tenant's directory: every person, property, chain and profile. */
async function expectStoredDirectoryToMatchTenant(dbName: string): Promise<DirectoryPersonDocument[]> {
  const stored = await mongo
    .db(dbName)
    .collection<DirectoryPersonDocument>('directoryPeople')
    .find({ tenantId: tenant.tenantId })
    .toArray();
  const live = stored.filter((person) => !person.deleted);
  const users = [...tenant.state.users.values()];
  const managerOf = new Map(users.map((user) => [user.id, user.managerId]));
  expect(live.length).toBe(users.length);
  const byId = new Map(live.map((person) => [person.id, person]));
  const mismatches = users.filter((user) => {
    const person = byId.get(user.id);
    return (
      !person ||
      person.displayName !== user.displayName ||
      person.department !== user.department ||
      person.jobTitle !== user.jobTitle ||
      person.officeLocation !== user.officeLocation ||
      person.accountEnabled !== user.accountEnabled ||
      person.managerId !== user.managerId ||
      person.managerChain.join() !== expectedChain(managerOf, user.id).join() ||
      person.skills.join() !== user.skills.join() ||
      person.timeZone !== user.mailboxTimeZone
    );
  });
  expect(mismatches.map((user) => user.id)).toEqual([]);
  return stored;
}

/** The sync use case on the real adapters, on a database of its own. */
async function rig(
  dbName: string,
  wrap: (source: DirectorySource) => DirectorySource = (source) => source,
  on: DevTenantInfo = info,
) {
  const db = mongo.db(dbName);
  await ensureIndexes(db);
  const graph = createGraphGateway(graphGatewayConfig(on));
  return createDirectorySync({
    directory: createDirectoryStore(db),
    syncStates: createSyncStateStore(db),
    source: wrap(createDirectorySource(graph)),
    leases: createLeaseStore(db),
    clock: { now: () => new Date() },
    ids: { newId: randomUUID },
    holderId: `e2e-${randomUUID()}`,
    logger: { info: () => undefined, warn: () => undefined },
  });
}

/** Wraps the source so that its `nth` call of `method` throws, as the process stopping there would. */
function crashOnCall(method: 'readDeltaPage' | 'readProfiles', nth: number) {
  let calls = 0;
  return (source: DirectorySource): DirectorySource => ({
    ...source,
    async [method](...args: unknown[]) {
      calls += 1;
      if (calls === nth) throw new Error('the process stopped (test)');
      return (source[method] as (...args: unknown[]) => Promise<unknown>).apply(source, args);
    },
  });
}

beforeAll(async () => {
  // 2,000 people: three delta pages of 999, and the seed's six levels of management.
  ({ tenant, info, dev } = await startPrivateDevTenant(2000));
  mongo = new MongoClient(inject('mongodbUri'));
  await mongo.connect();
});
afterAll(async () => {
  await mongo?.close();
  await tenant?.stop();
});

describe('the directory sync through the API', () => {
  let campus: CampusUnderTest;
  let asOrganizer: ReturnType<typeof apiClient>;
  /** Asks for a sync unless one was just asked for, and waits until a run that began after that completes. */
  async function syncAndWait(alreadyRequestedAt?: number): Promise<SyncStatus> {
    const requestedAt = alreadyRequestedAt ?? Date.now();
    if (alreadyRequestedAt === undefined)
      expect((await asOrganizer('POST', '/api/directory/sync', {})).status).toBe(202);
    return vi.waitFor(
      async () => {
        const { body } = await asOrganizer<SyncStatus>('GET', '/api/directory/sync');
        expect(body.lastError).toBeNull();
        expect(body).toMatchObject({ state: 'idle' });
        expect(Date.parse(body.lastCompletedAt!)).toBeGreaterThanOrEqual(requestedAt);
        return body;
      },
      { timeout: 120_000, interval: 250 },
    );
  }

  beforeAll(async () => {
    // No schedule: each sync here is asked for.
    campus = await startCampus({ devTenant: info, env: { DIRECTORY_SYNC_INTERVAL_MS: '0' } });
    asOrganizer = apiClient(campus.url, await tokenFor(info, PATTI_FERNANDEZ_ID));
  });
  afterAll(async () => {
    await campus?.close();
    await mongo.db(campus.dbName).dropDatabase();
  });

  it('is for organizers only', async () => {
    const asEmployee = apiClient(campus.url, await tokenFor(info, ADELE_VANCE_ID));
    expect(await asEmployee('POST', '/api/directory/sync', {})).toMatchObject({
      status: 403,
      body: { code: 'CAMPUS_ERR_FORBIDDEN' },
    });
    expect(await asEmployee('GET', '/api/directory/sync')).toMatchObject({
      status: 403,
      body: { code: 'CAMPUS_ERR_FORBIDDEN' },
    });
  });

  it('syncs everyone with chains several levels deep and profiles, in one delta request per 999 people', async () => {
    await dev('POST', '/stats/reset');
    const requestedAt = Date.now();
    const started = await asOrganizer<SyncStatus>('POST', '/api/directory/sync', {});
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      state: expect.stringMatching(/^(full|enriching|idle)$/),
      peopleTotal: 2000,
      graphRequests: { count: 1 },
    });

    const done = await syncAndWait(requestedAt);

    // Profiles are read a hundred people (ten $batch calls of twenty requests) at a time, page by page: a page of
    // 999 takes 100 calls, the last page of 2 one.
    expect(done).toMatchObject({
      state: 'idle',
      pagesDone: 3,
      percent: 100,
      lastError: null,
      graphRequests: { delta: 3, count: 1, enrichmentRequests: 4000, enrichmentBatches: 100 + 100 + 1 },
    });
    expect(await deltaRequests()).toBe(Math.ceil(2000 / 999));
    const stored = await expectStoredDirectoryToMatchTenant(campus.dbName);
    expect(Math.max(...stored.map((person) => person.managerChain.length))).toBeGreaterThanOrEqual(5);
  });

  it('applies an incremental sync: a move between departments, a new manager for a team, a disabled account, a deletion, a newcomer', async () => {
    const users = [...tenant.state.users.values()];
    const reportsOf = (id: string) => users.filter((user) => user.managerId === id);
    const managerOf = new Map(users.map((user) => [user.id, user.managerId]));
    const subtreeSize = (id: string) =>
      users.filter((user) => expectedChain(managerOf, user.id).includes(id)).length;
    // A team of two levels (its members' chains change too), small enough to keep the test short.
    const teamLead = users.find(
      (user) =>
        user.managerId !== null &&
        reportsOf(user.id).some((report) => reportsOf(report.id).length > 0) &&
        subtreeSize(user.id) <= 30,
    )!;
    // Another manager, outside the team: the team moves under them with its whole subtree.
    const newBoss = users.find(
      (user) =>
        user.id !== teamLead.id &&
        user.id !== teamLead.managerId &&
        reportsOf(user.id).length > 0 &&
        !expectedChain(managerOf, user.id).includes(teamLead.id),
    )!;
    const leaves = users.filter(
      (user) => user.managerId !== null && reportsOf(user.id).length === 0 && user.managerId !== teamLead.id,
    );
    const [mover, leaver, gone] = leaves;
    await dev('PATCH', `/users/${mover!.id}`, { department: 'Campus Testing' });
    await dev('PATCH', `/users/${teamLead.id}`, { managerId: newBoss.id });
    await dev('PATCH', `/users/${leaver!.id}`, { accountEnabled: false });
    await dev('DELETE', `/users/${gone!.id}`);
    const newcomer = await dev<{ id: string }>('POST', '/users', {
      displayName: 'Nia Newcomer',
      userPrincipalName: `nia.${randomUUID().slice(0, 6)}@${(await dev<{ domain: string }>('GET', '/tenant')).domain}`,
      managerId: teamLead.id,
      department: 'Campus Testing',
      skills: ['Onboarding'],
    });
    await dev('POST', '/stats/reset');

    const done = await syncAndWait();

    expect(done).toMatchObject({
      state: 'idle',
      pagesDone: 1,
      lastError: null,
      graphRequests: { delta: 1, count: 0, enrichmentRequests: 8 },
    });
    expect(await deltaRequests()).toBe(1);
    const stored = await expectStoredDirectoryToMatchTenant(campus.dbName);
    const byId = new Map(stored.map((person) => [person.id, person]));
    expect(byId.get(mover!.id)).toMatchObject({ department: 'Campus Testing' });
    expect(byId.get(teamLead.id)!.managerChain[0]).toBe(newBoss.id);
    for (const report of reportsOf(teamLead.id))
      expect(byId.get(report.id)!.managerChain.slice(0, 2)).toEqual([teamLead.id, newBoss.id]);
    expect(byId.get(leaver!.id)).toMatchObject({ accountEnabled: false, deleted: false });
    expect(byId.get(gone!.id)).toMatchObject({ deleted: true, displayName: gone!.displayName });
    expect(byId.get(newcomer.id)).toMatchObject({
      displayName: 'Nia Newcomer',
      skills: ['Onboarding'],
      managerChain: [teamLead.id, newBoss.id, ...byId.get(newBoss.id)!.managerChain],
    });
  });
});

describe('the directory sync on the real adapters', () => {
  it('resumes after a crash mid-sync from the last stored page, and ends with the same directory and no duplicates', async () => {
    const dbName = `campus_e2e_resume_${randomUUID().slice(0, 8)}`;
    const crashing = await rig(dbName, crashOnCall('readDeltaPage', 2));
    await dev('POST', '/stats/reset');
    await expect(crashing.run({ tenantId: tenant.tenantId })).rejects.toThrow('the process stopped');
    expect(await crashing.status({ tenantId: tenant.tenantId })).toMatchObject({
      state: 'full',
      pagesDone: 1,
      lastError: { message: 'the process stopped (test)' },
    });

    const restarted = await rig(dbName);
    expect(await restarted.run({ tenantId: tenant.tenantId })).toBe('completed');

    // Page 1 before the crash, pages 2 and 3 after: nothing read twice.
    expect(await deltaRequests()).toBe(3);
    const stored = await expectStoredDirectoryToMatchTenant(dbName);
    expect(new Set(stored.map((person) => person.id)).size).toBe(stored.length);
    expect(await restarted.status({ tenantId: tenant.tenantId })).toMatchObject({
      state: 'idle',
      pagesDone: 3,
      lastError: null,
      enrichmentPending: 0,
    });
    await mongo.db(dbName).dropDatabase();
  });

  it('resumes after a crash while reading profiles without reading the finished pages again', async () => {
    const dbName = `campus_e2e_profiles_${randomUUID().slice(0, 8)}`;
    const crashing = await rig(dbName, crashOnCall('readProfiles', 15));
    await expect(crashing.run({ tenantId: tenant.tenantId })).rejects.toThrow('the process stopped');
    await dev('POST', '/stats/reset');

    expect(await (await rig(dbName)).run({ tenantId: tenant.tenantId })).toBe('completed');

    // The first page's 999 people were read before the crash: only the second page (again) and the third are read now.
    const stats = await dev<{ batchSubRequests: number }>('GET', '/stats');
    expect(stats.batchSubRequests).toBe(2 * (999 + 2));
    expect(await deltaRequests()).toBe(0);
    await expectStoredDirectoryToMatchTenant(dbName);
    await mongo.db(dbName).dropDatabase();
  });

  it('completes through Graph throttling without losing or duplicating anyone', async () => {
    const dbName = `campus_e2e_throttled_${randomUUID().slice(0, 8)}`;
    await dev('PUT', '/faults', { throttleRate: 0.3, retryAfterSeconds: 0, seed: 11 });
    try {
      const sync = await rig(dbName);
      expect(await sync.run({ tenantId: tenant.tenantId })).toBe('completed');
      const stats = await dev<{ throttled: number }>('GET', '/stats');
      expect(stats.throttled).toBeGreaterThan(0);
      const status = await sync.status({ tenantId: tenant.tenantId });
      expect(status).toMatchObject({ state: 'idle', pagesDone: 3, lastError: null });
      // Whoever stayed throttled past the retries waits in the queue for the next run; the next run reads them.
      if (status.enrichmentPending > 0) {
        await dev('DELETE', '/faults');
        await sync.run({ tenantId: tenant.tenantId });
      }
    } finally {
      await dev('DELETE', '/faults');
    }
    await expectStoredDirectoryToMatchTenant(dbName);
    await mongo.db(dbName).dropDatabase();
  });
});

describe('the directory sync on a small dev tenant', () => {
  let small: RunningDevTenant;
  let smallInfo: DevTenantInfo;
  let smallDev: DevControls;
  beforeAll(async () => {
    // Small: a full round over a stored directory updates every person, one store write each.
    ({ tenant: small, info: smallInfo, dev: smallDev } = await startPrivateDevTenant(300));
  });
  afterAll(() => small?.stop());

  it('starts a full round over, and retires the people Graph no longer has', async () => {
    const dbName = `campus_e2e_refused_${randomUUID().slice(0, 8)}`;
    const scope = { tenantId: small.tenantId };
    const sync = await rig(dbName, undefined, smallInfo);
    expect(await sync.run(scope)).toBe('completed');

    const states = mongo.db(dbName).collection<{ _id: string; deltaLink: string }>('directorySyncStates');
    const state = await states.findOne({ _id: small.tenantId });
    await states.updateOne(
      { _id: small.tenantId },
      { $set: { deltaLink: state!.deltaLink.replace(/\$deltatoken=[^&]+/, '$deltatoken=ZXhwaXJlZA') } },
    );
    const leaver = [...small.state.users.values()].find(
      (user) =>
        user.managerId !== null &&
        ![...small.state.users.values()].some((other) => other.managerId === user.id),
    )!;
    await smallDev('DELETE', `/users/${leaver.id}?permanent=true`);

    expect(await sync.run(scope)).toBe('completed');

    // One refused request, then a full round of one page (and the count for its progress).
    expect(await sync.status(scope)).toMatchObject({
      state: 'idle',
      pagesDone: 1,
      peopleSeen: 299,
      lastError: null,
      graphRequests: { delta: 2, count: 1 },
    });
    const people = await mongo
      .db(dbName)
      .collection<DirectoryPersonDocument>('directoryPeople')
      .find({ tenantId: small.tenantId })
      .toArray();
    expect(people).toHaveLength(300);
    expect(people.filter((person) => person.deleted).map((person) => person.id)).toEqual([leaver.id]);
    expect((await states.findOne({ _id: small.tenantId }))!.deltaLink).not.toContain('ZXhwaXJlZA');
    await mongo.db(dbName).dropDatabase();
  });

  it('syncs at start and then on the schedule, without being asked', async () => {
    const campus = await startCampus({ devTenant: smallInfo, env: { DIRECTORY_SYNC_INTERVAL_MS: '1000' } });
    try {
      const asOrganizer = apiClient(campus.url, await tokenFor(smallInfo, PATTI_FERNANDEZ_ID));
      const status = async () => (await asOrganizer<SyncStatus>('GET', '/api/directory/sync')).body;
      await vi.waitFor(
        async () =>
          expect(await status()).toMatchObject({ state: 'idle', lastCompletedAt: expect.any(String) }),
        { timeout: 60_000, interval: 250 },
      );

      const someone = [...small.state.users.values()].find((user) => user.accountEnabled)!;
      await smallDev('PATCH', `/users/${someone.id}`, { jobTitle: 'Scheduled Sync Tester' });

      const people = mongo.db(campus.dbName).collection<DirectoryPersonDocument>('directoryPeople');
      await vi.waitFor(
        async () =>
          expect(await people.findOne({ _id: `${small.tenantId}:${someone.id}` })).toMatchObject({
            jobTitle: 'Scheduled Sync Tester',
          }),
        { timeout: 60_000, interval: 250 },
      );
      expect(await status()).toMatchObject({ lastError: null });
    } finally {
      await campus.close();
      await mongo.db(campus.dbName).dropDatabase();
    }
  });
});
