import { describe, expect, it } from 'vitest';
import {
  createMemoryDirectory,
  createMemoryLeases,
  createMemorySyncStates,
  FakeGraph,
  fakeUser,
} from './directory-fakes.js';
import { createDirectorySync, type DirectorySyncOptions } from './sync-directory.js';

const scope = { tenantId: 'tenant-sync' };

/** ceo ← vp ← lead ← dev1, dev2; vp2 and solo beside them: three delta pages of three. */
function organization(): FakeGraph {
  const graph = new FakeGraph();
  graph.add(fakeUser('ceo', { department: 'Board' }));
  graph.add(fakeUser('vp', { managerId: 'ceo', department: 'Sales' }));
  graph.add(fakeUser('vp2', { managerId: 'ceo', department: 'Marketing' }));
  graph.add(fakeUser('lead', { managerId: 'vp', department: 'Sales' }));
  graph.add(fakeUser('dev1', { managerId: 'lead', department: 'Sales' }), {
    skills: ['SAP'],
    responsibilities: ['Invoices'],
    aboutMe: 'SAP since 2010',
    timeZone: 'Pacific Standard Time',
  });
  graph.add(fakeUser('dev2', { managerId: 'lead', department: 'Sales' }));
  graph.add(fakeUser('solo', { department: 'Legal', jobTitle: null }));
  graph.add(fakeUser('zed', { managerId: 'vp2', department: 'Marketing' }));
  return graph;
}

function setup(graph = organization()) {
  let now = Date.UTC(2030, 0, 1, 9);
  let ids = 0;
  const directory = createMemoryDirectory();
  const syncStates = createMemorySyncStates();
  const leases = createMemoryLeases(() => now);
  const logs: string[] = [];
  const make = (options: Partial<DirectorySyncOptions> = {}) =>
    createDirectorySync({
      directory,
      syncStates,
      source: graph,
      leases,
      clock: { now: () => new Date(now) },
      ids: { newId: () => String((ids += 1)) },
      holderId: 'test-process',
      logger: {
        info: (_details, message) => logs.push(message),
        warn: (_details, message) => logs.push(message),
      },
      options: { logEveryPages: 2, enrichmentChunk: 2, ...options },
    });
  const person = async (id: string) => (await directory.findById(scope, id))!;
  return { graph, directory, syncStates, leases, logs, make, person, advance: (ms: number) => (now += ms) };
}

describe('directory sync', () => {
  it('stores everyone of a full round once, with manager chains and profiles, and reports its progress', async () => {
    const t = setup();
    expect(await t.make().status(scope)).toMatchObject({
      state: 'idle',
      percent: null,
      lastCompletedAt: null,
    });

    expect(await t.make().run(scope)).toBe('completed');

    expect(t.directory.people.size).toBe(8);
    expect(t.directory.writes).toBe(8);
    expect(await t.person('dev1')).toMatchObject({
      department: 'Sales',
      managerId: 'lead',
      managerChain: ['lead', 'vp', 'ceo'],
      skills: ['SAP'],
      responsibilities: ['Invoices'],
      aboutMe: 'SAP since 2010',
      timeZone: 'Pacific Standard Time',
      deleted: false,
    });
    expect(await t.person('solo')).toMatchObject({ managerId: null, managerChain: [], jobTitle: null });
    expect(await t.make().status(scope)).toEqual({
      state: 'idle',
      pagesDone: 3,
      peopleSeen: 8,
      peopleTotal: 8,
      percent: 100,
      enrichmentPending: 0,
      lastCompletedAt: expect.any(Date),
      lastError: null,
      graphRequests: { delta: 3, count: 1, enrichmentBatches: 5, enrichmentRequests: 16 },
    });
    expect(t.syncStates.staged.size).toBe(0);
    expect(t.logs).toContain('directory sync: 2 pages read');
    expect(t.logs).toContain('directory sync: full run completed');
  });

  // Without a crash a full round reads 3 delta pages and makes 5 profile reads; a crash costs the crashed request again.
  it.each([
    ['reading the delta pages', (graph: FakeGraph) => (graph.crashAtPage = 2), { delta: 4, profiles: 5 }],
    ['reading the profiles', (graph: FakeGraph) => (graph.crashAtProfileRead = 3), { delta: 3, profiles: 6 }],
  ])(
    'resumes after a crash while %s, from where it stopped and without duplicates',
    async (_phase, crash, reads) => {
      const t = setup();
      crash(t.graph);
      await expect(t.make().run(scope)).rejects.toThrow('process stopped');
      const stopped = await t.make().status(scope);
      expect(stopped.lastError?.message).toBe('process stopped (test)');
      expect(stopped.state).not.toBe('idle');

      // A fresh instance, as after a restart.
      expect(await t.make().run(scope)).toBe('completed');

      // Nothing done before the crash is read again, beyond the page it stopped in.
      expect({ delta: t.graph.deltaReads, profiles: t.graph.profileReads }).toEqual(reads);
      expect(t.directory.people.size).toBe(8);
      expect(t.directory.writes).toBe(8);
      expect((await t.person('dev2')).managerChain).toEqual(['lead', 'vp', 'ceo']);
      expect(await t.make().status(scope)).toMatchObject({ state: 'idle', lastError: null, pagesDone: 3 });
    },
  );

  it('resumes after a crash while writing the people, writing each page again at most once', async () => {
    const t = setup();
    const upsertMany = t.directory.upsertMany.bind(t.directory);
    let calls = 0;
    t.directory.upsertMany = async (...args) => {
      calls += 1;
      if (calls === 2) throw new Error('process stopped (test)');
      return upsertMany(...args);
    };
    await expect(t.make().run(scope)).rejects.toThrow('process stopped');
    expect(await t.make().run(scope)).toBe('completed');
    expect(t.directory.people.size).toBe(8);
    expect(t.graph.deltaReads).toBe(3);
    expect((await t.person('zed')).managerChain).toEqual(['vp2', 'ceo']);
  });

  it('applies an incremental round: a move between departments, a new manager for a team, a disabled account, a deletion, a newcomer', async () => {
    const t = setup();
    await t.make().run(scope);
    t.directory.writes = 0;
    t.advance(60_000);

    t.graph.update('dev2', { department: 'Marketing', jobTitle: 'Marketing analyst' });
    t.graph.update('lead', { managerId: 'vp2' });
    t.graph.update('solo', { accountEnabled: false });
    t.graph.remove('zed');
    t.graph.add(fakeUser('newbie', { managerId: 'dev1', department: 'Sales' }), { skills: ['Jira'] });

    expect(await t.make().run(scope)).toBe('completed');

    expect(await t.person('dev2')).toMatchObject({
      department: 'Marketing',
      jobTitle: 'Marketing analyst',
      displayName: 'Person dev2',
      managerChain: ['lead', 'vp2', 'ceo'],
    });
    expect((await t.person('lead')).managerChain).toEqual(['vp2', 'ceo']);
    expect((await t.person('dev1')).managerChain).toEqual(['lead', 'vp2', 'ceo']);
    expect(await t.person('dev1')).toMatchObject({ skills: ['SAP'], timeZone: 'Pacific Standard Time' });
    expect(await t.person('newbie')).toMatchObject({
      managerChain: ['dev1', 'lead', 'vp2', 'ceo'],
      skills: ['Jira'],
      deleted: false,
    });
    expect(await t.person('solo')).toMatchObject({
      accountEnabled: false,
      deleted: false,
      department: 'Legal',
    });
    expect(await t.person('zed')).toMatchObject({ deleted: true, displayName: 'Person zed' });
    expect((await t.person('vp')).managerChain).toEqual(['ceo']);
    expect(await t.make().status(scope)).toMatchObject({
      state: 'idle',
      pagesDone: 2,
      peopleSeen: 5,
      peopleTotal: null,
      graphRequests: { delta: 2, count: 0 },
    });
  });

  it('starts a full round over when Graph refuses the stored delta link, and retires people it no longer reports', async () => {
    const t = setup();
    await t.make().run(scope);
    t.advance(60_000);
    t.graph.remove('solo');
    const state = await t.syncStates.find(scope);
    t.graph.expiredLinks.add(state!.deltaLink!);

    expect(await t.make().run(scope)).toBe('completed');

    expect(t.logs).toContain('directory sync: Microsoft Graph refused the delta link; starting a full round');
    expect(await t.person('solo')).toMatchObject({ deleted: true });
    expect(await t.person('dev1')).toMatchObject({ deleted: false, managerChain: ['lead', 'vp', 'ceo'] });
    expect(await t.make().status(scope)).toMatchObject({
      state: 'idle',
      pagesDone: 3,
      peopleSeen: 7,
      graphRequests: { delta: 4, count: 1 },
    });
    expect((await t.syncStates.find(scope))!.deltaLink).not.toBe(state!.deltaLink);
  });

  it('queues profiles Graph cannot read now and reads them on the next run', async () => {
    const t = setup();
    t.graph.throttledProfiles.add('dev1');
    await t.make().run(scope);
    expect(await t.person('dev1')).toMatchObject({ skills: [], timeZone: null, department: 'Sales' });
    expect(await t.make().status(scope)).toMatchObject({ state: 'idle', enrichmentPending: 1 });

    t.graph.throttledProfiles.clear();
    await t.make().run(scope);
    expect(await t.person('dev1')).toMatchObject({ skills: ['SAP'], timeZone: 'Pacific Standard Time' });
    expect(await t.make().status(scope)).toMatchObject({ enrichmentPending: 0 });
  });

  it('runs one sync per tenant: calls during a run share one follow-up run, another holder of the lease makes it busy', async () => {
    const t = setup();
    const sync = t.make();
    const outcomes = await Promise.all([sync.run(scope), sync.run(scope), sync.run(scope, { full: true })]);
    expect(outcomes).toEqual(['completed', 'completed', 'completed']);
    // The first full round, then one follow-up for the two calls made during it: incremental, since the round
    // under way already read everyone.
    expect(t.graph.deltaReads).toBe(4);
    expect(await sync.status(scope)).toMatchObject({ graphRequests: { delta: 1, count: 0 } });

    // A full round asked for during an incremental one follows it.
    await Promise.all([sync.run(scope), sync.run(scope, { full: true })]);
    expect(t.graph.deltaReads).toBe(8);
    expect(await sync.status(scope)).toMatchObject({ graphRequests: { delta: 3, count: 1 } });

    await t.leases.tryAcquire(`directory-sync:${scope.tenantId}`, 'another-process', 60_000);
    expect(await t.make().run(scope)).toBe('busy');
    expect(t.graph.deltaReads).toBe(8);
  });

  it('takes a new lease under a new holder name as it goes, and stops when another process took over', async () => {
    const t = setup();
    const holders: string[] = [];
    const tryAcquire = t.leases.tryAcquire.bind(t.leases);
    t.leases.tryAcquire = async (key, holder, ttlMs) => {
      holders.push(holder);
      return tryAcquire(key, holder, ttlMs);
    };
    expect(await t.make({ leaseTurnMs: 0 }).run(scope)).toBe('completed');
    expect(new Set(holders).size).toBe(holders.length);
    expect(holders.length).toBeGreaterThan(3);

    t.graph.update('dev1', { jobTitle: 'Architect' });
    const release = t.leases.release.bind(t.leases);
    t.leases.release = async (key, holder) => {
      await release(key, holder);
      await tryAcquire(key, 'another-process', 60_000);
    };
    expect(await t.make({ leaseTurnMs: 0 }).run(scope)).toBe('handed-over');
  });

  it('stops after the current step when asked, and a later run finishes the work', async () => {
    const t = setup();
    const sync = t.make();
    await sync.start(scope);
    await sync.stop();
    expect(await sync.run(scope)).toBe('stopped');
    expect((await t.make().status(scope)).state).toBe('full');

    expect(await t.make().run(scope)).toBe('completed');
    expect(t.directory.people.size).toBe(8);
  });
});
