import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDirectoryStore } from '../../../adapters/mongo/directory-store.js';
import { createLeaseStore } from '../../../adapters/mongo/lease-store.js';
import { createSyncStateStore } from '../../../adapters/mongo/sync-state-store.js';
import { FakeGraph, fakeUser } from '../../../domain/directory/directory-fakes.js';
import { createDirectorySync } from '../../../domain/directory/sync-directory.js';
import { bearer, buildTestApp, testUsers } from '../../test-support.js';

type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

function graph(): FakeGraph {
  const fake = new FakeGraph();
  fake.add(fakeUser('ceo'));
  fake.add(fakeUser('vp', { managerId: 'ceo' }));
  fake.add(fakeUser('dev', { managerId: 'vp' }), { skills: ['SAP'] });
  fake.add(fakeUser('ops', { managerId: 'vp' }));
  return fake;
}

async function appWith(fake: FakeGraph): Promise<TestApp> {
  return buildTestApp({
    directorySync: (db) =>
      createDirectorySync({
        directory: createDirectoryStore(db),
        syncStates: createSyncStateStore(db),
        source: fake,
        leases: createLeaseStore(db),
        clock: { now: () => new Date() },
        ids: { newId: () => crypto.randomUUID() },
        holderId: 'http-test',
        logger: { info: () => undefined, warn: () => undefined },
      }),
  });
}

describe('directory sync routes', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  const status = () => t.app.inject({ method: 'GET', url: '/api/directory/sync', headers: bearer(testUsers.organizer) });

  it('answers 403 CAMPUS_ERR_FORBIDDEN to people who are not organizers, and 401 without a token', async () => {
    t = await appWith(graph());
    for (const method of ['GET', 'POST'] as const) {
      const answer = await t.app.inject({ method, url: '/api/directory/sync', headers: bearer(testUsers.employee) });
      expect(answer.statusCode).toBe(403);
      expect(answer.json()).toMatchObject({ code: 'CAMPUS_ERR_FORBIDDEN' });
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/directory/sync' });
    expect(anonymous.json()).toMatchObject({ statusCode: 401, code: 'CAMPUS_ERR_UNAUTHENTICATED' });
  });

  it('reports a directory never synced, starts a sync with 202, and shows its progress until it is done', async () => {
    t = await appWith(graph());
    expect((await status()).json()).toEqual({
      state: 'idle',
      pagesDone: 0,
      peopleSeen: 0,
      peopleTotal: null,
      percent: null,
      enrichmentPending: 0,
      lastCompletedAt: null,
      lastError: null,
      graphRequests: { delta: 0, count: 0, enrichmentBatches: 0, enrichmentRequests: 0 },
    });

    const started = await t.app.inject({ method: 'POST', url: '/api/directory/sync', headers: bearer(testUsers.organizer) });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ state: expect.stringMatching(/^(full|enriching|idle)$/), graphRequests: { count: 1 } });

    await vi.waitFor(async () => expect((await status()).json()).toMatchObject({ state: 'idle', percent: 100 }), { timeout: 30_000, interval: 50 });
    expect((await status()).json()).toEqual({
      state: 'idle',
      pagesDone: 2,
      peopleSeen: 4,
      peopleTotal: 4,
      percent: 100,
      enrichmentPending: 0,
      lastCompletedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastError: null,
      graphRequests: { delta: 2, count: 1, enrichmentBatches: 2, enrichmentRequests: 8 },
    });
  });

  it('runs an incremental sync on request, and a full one when asked for', async () => {
    const fake = graph();
    t = await appWith(fake);
    await t.app.inject({ method: 'POST', url: '/api/directory/sync', headers: bearer(testUsers.organizer) });
    await vi.waitFor(async () => expect((await status()).json()).toMatchObject({ state: 'idle', lastCompletedAt: expect.any(String) }), { timeout: 30_000, interval: 50 });

    fake.update('ops', { department: 'Operations' });
    await t.app.inject({ method: 'POST', url: '/api/directory/sync', headers: bearer(testUsers.organizer), payload: {} });
    await vi.waitFor(async () => expect((await status()).json()).toMatchObject({ state: 'idle', peopleSeen: 1, graphRequests: { delta: 1, count: 0 } }), { timeout: 30_000, interval: 50 });

    await t.app.inject({ method: 'POST', url: '/api/directory/sync', headers: bearer(testUsers.organizer), payload: { full: true } });
    await vi.waitFor(async () => expect((await status()).json()).toMatchObject({ state: 'idle', peopleSeen: 4, graphRequests: { delta: 2, count: 1 } }), { timeout: 30_000, interval: 50 });
  });

  it('answers 400 CAMPUS_ERR_VALIDATION naming a wrong field of the request', async () => {
    t = await appWith(graph());
    for (const payload of [{ full: 'yes' }, { everyone: true }]) {
      const answer = await t.app.inject({ method: 'POST', url: '/api/directory/sync', headers: bearer(testUsers.organizer), payload });
      expect(answer.statusCode).toBe(400);
      expect(answer.json()).toMatchObject({ code: 'CAMPUS_ERR_VALIDATION', details: { location: 'body' } });
    }
  });
});
