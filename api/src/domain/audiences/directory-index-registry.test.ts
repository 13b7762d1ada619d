import { describe, expect, it } from 'vitest';
import type { DirectoryStore } from '../directory/directory-person.js';
import type { IndexedPerson } from './directory-index.js';
import { createDirectoryIndexRegistry, type AudienceDirectorySource } from './directory-index-registry.js';
import { mirrorDirectoryChanges } from './mirror-directory-changes.js';
import { person, pid, smallOrganization, TENANT } from './test-support.js';

const quiet = { info: () => undefined, warn: () => undefined };

/** A directory source whose reads can be held open, to write while the first read is under way. */
function heldSource(people: IndexedPerson[]) {
  let reads = 0;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const source: AudienceDirectorySource = {
    async *readAll() {
      reads += 1;
      yield people.slice(0, 5);
      await held;
      yield people.slice(5);
    },
  };
  return { source, release, reads: () => reads };
}

/** A store whose writes only count: the registry must repeat their effect without reading it back. */
function countingStore(): DirectoryStore & { writes: number } {
  const store = { writes: 0 } as DirectoryStore & { writes: number };
  const write = async () => {
    store.writes += 1;
  };
  return Object.assign(store, {
    upsertMany: write,
    markDeleted: write,
    markDeletedUnlessSyncedSince: async () => {
      store.writes += 1;
      return 0;
    },
    setProfiles: write,
    setManagerChains: write,
  });
}

describe('the audience index registry', () => {
  it('reads the stored directory once, then follows the store\'s writes without reading again', async () => {
    const { source, release, reads } = heldSource(smallOrganization());
    const registry = createDirectoryIndexRegistry(source, quiet, { settleMs: 60_000, maxWaitMs: 60_000 });
    const store = mirrorDirectoryChanges(countingStore(), registry);
    registry.warmUp(TENANT);
    const syncedAt = new Date(Date.UTC(2030, 0, 2));
    // Written while the first read is still going: applied after it, in order.
    await store.upsertMany(TENANT, [{ id: pid(11), department: 'Marketing' }, { id: pid(20), displayName: 'New Person', managerId: pid(10) }], syncedAt);
    release();
    const first = await registry.current(TENANT);
    expect(first.size).toBe(16);
    expect(first.value('department', first.rowOf(pid(11)))).toBe('Marketing');
    expect(first.person(first.rowOf(pid(20)))).toMatchObject({ displayName: 'New Person', managerId: pid(10), accountEnabled: true, deleted: false, department: null });

    await store.upsertMany(TENANT, [{ id: pid(12), managerId: pid(13) }, { id: pid(5), accountEnabled: false }], syncedAt);
    await store.markDeleted(TENANT, [pid(14)], syncedAt);
    await store.setProfiles(TENANT, [{ id: pid(15), skills: ['Figma'], responsibilities: ['Design reviews'], aboutMe: 'Design systems and Figma', timeZone: 'W. Europe Standard Time' }]);
    const second = await registry.current(TENANT);
    expect(second).not.toBe(first);
    expect(second.managerIds[second.rowOf(pid(12))]).toBe(pid(13));
    expect(second.eligible.has(second.rowOf(pid(5)))).toBe(false);
    expect(second.deleted[second.rowOf(pid(14))]).toBe(1);
    expect(second.person(second.rowOf(pid(15)))).toMatchObject({ skills: ['Figma'], responsibilities: ['Design reviews'], aboutMeWords: ['design', 'systems', 'figma'], timeZone: 'W. Europe Standard Time' });
    expect(await registry.current(TENANT)).toBe(second);
    expect(reads()).toBe(1);
  });

  it('marks deleted whoever a full round did not report, and revives someone reported again', async () => {
    const registry = createDirectoryIndexRegistry({ async *readAll() { yield smallOrganization(); } }, quiet, { settleMs: 60_000, maxWaitMs: 60_000 });
    const store = mirrorDirectoryChanges(countingStore(), registry);
    await registry.current(TENANT);
    const roundStart = new Date(Date.UTC(2030, 1, 1));
    await store.upsertMany(TENANT, [{ id: pid(1) }, { id: pid(2) }, { id: pid(7) }], new Date(roundStart.getTime() + 1000));
    await store.markDeletedUnlessSyncedSince(TENANT, roundStart);
    const index = await registry.current(TENANT);
    const alive = [...index.eligible.rows()].map((row) => index.ids[row]);
    expect(alive).toEqual([pid(1), pid(2), pid(7)]);
  });

  it('ignores writes for a tenant it has not read yet (its first read sees them in the store)', async () => {
    const people = smallOrganization();
    const registry = createDirectoryIndexRegistry({ async *readAll() { yield people; } }, quiet, { settleMs: 60_000, maxWaitMs: 60_000 });
    registry.record(TENANT, { kind: 'delete', ids: [pid(1)], syncedAt: new Date() });
    people.push(person(30));
    const index = await registry.current(TENANT);
    expect(index.size).toBe(16);
    expect(index.eligible.has(index.rowOf(pid(1)))).toBe(true);
  });

  it('reads again after a failed first read', async () => {
    let attempts = 0;
    const registry = createDirectoryIndexRegistry(
      {
        async *readAll() {
          attempts += 1;
          if (attempts === 1) throw new Error('store down');
          yield smallOrganization();
        },
      },
      quiet,
    );
    await expect(registry.current(TENANT)).rejects.toThrow('store down');
    expect((await registry.current(TENANT)).size).toBe(15);
  });

  it('builds the next snapshot by itself once writes settle', async () => {
    const registry = createDirectoryIndexRegistry({ async *readAll() { yield smallOrganization(); } }, quiet, { settleMs: 5, maxWaitMs: 60_000 });
    const first = await registry.current(TENANT);
    registry.record(TENANT, { kind: 'delete', ids: [pid(2)], syncedAt: new Date() });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const settled = await registry.current(TENANT);
    expect(settled).not.toBe(first);
    expect(settled.deleted[settled.rowOf(pid(2))]).toBe(1);
  });
});
