import { describe, expect, it } from 'vitest';
import { createError } from '../../errors.js';
import type { GroupMembers } from './audience.js';
import { createGroupMembership, type GroupMembersStore } from './group-membership-cache.js';
import { TENANT } from './test-support.js';

const HOUR = 3_600_000;

function setup(options: { stored?: GroupMembers } = {}) {
  let now = Date.UTC(2030, 0, 1, 9);
  const graph = new Map<string, string[]>([['g-1', ['B', 'a']]]);
  const fetches: string[] = [];
  let graphDown = false;
  const saved: GroupMembers[] = [];
  const store: GroupMembersStore = {
    async find(_scope, groupId) {
      return [...saved].reverse().find((entry) => entry.groupId === groupId) ?? (options.stored?.groupId === groupId ? options.stored : null);
    },
    async save(_scope, members) {
      saved.push(members);
    },
  };
  const membership = createGroupMembership({
    source: {
      async fetchTransitiveUserIds(_scope, groupId) {
        fetches.push(groupId);
        if (graphDown) throw createError('CAMPUS_ERR_GRAPH_UNAVAILABLE', 'Graph is down (test)');
        return graph.get(groupId) ?? null;
      },
    },
    store,
    clock: { now: () => new Date(now) },
    refreshAfterMs: HOUR,
    memoryEntries: 10,
    logger: { warn: () => undefined },
  });
  return {
    membership,
    graph,
    fetches,
    saved,
    advance: (ms: number) => (now += ms),
    setGraphDown: (down: boolean) => (graphDown = down),
  };
}

describe('group membership with its own refresh time', () => {
  it('fetches a group once, keeps it sorted and lower-cased in memory and in the store, and reuses it within the hour', async () => {
    const t = setup();
    const first = await t.membership.members(TENANT, 'G-1', 'fresh');
    expect(first).toMatchObject({ groupId: 'g-1', memberIds: ['a', 'b'] });
    expect(await t.membership.members(TENANT, 'g-1', 'allowStale')).toBe(first);
    expect(t.fetches).toEqual(['g-1']);
    expect(t.saved).toHaveLength(1);
  });

  it('starts from the stored list after a restart, and refreshes it when it is past its time', async () => {
    const stored = { groupId: 'g-1', memberIds: ['old'], fetchedAt: new Date(Date.UTC(2030, 0, 1, 7)) };
    const t = setup({ stored });
    // A preview takes the old list at once and refreshes behind it...
    expect((await t.membership.members(TENANT, 'g-1', 'allowStale'))?.memberIds).toEqual(['old']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(t.fetches).toEqual(['g-1']);
    expect((await t.membership.members(TENANT, 'g-1', 'allowStale'))?.memberIds).toEqual(['a', 'b']);
    // ...while resolving recipients waits for a current list.
    t.graph.set('g-1', ['a', 'b', 'c']);
    t.advance(HOUR + 1);
    expect((await t.membership.members(TENANT, 'g-1', 'fresh'))?.memberIds).toEqual(['a', 'b', 'c']);
    expect(t.fetches).toEqual(['g-1', 'g-1']);
  });

  it('answers null for a group Graph does not know, asking again next time', async () => {
    const t = setup();
    expect(await t.membership.members(TENANT, 'g-missing', 'allowStale')).toBeNull();
    expect(await t.membership.members(TENANT, 'g-missing', 'fresh')).toBeNull();
    expect(t.fetches).toEqual(['g-missing', 'g-missing']);
  });

  it('uses the old list when Graph is down, and fails only when there is no list at all', async () => {
    const t = setup();
    await t.membership.members(TENANT, 'g-1', 'fresh');
    t.advance(HOUR + 1);
    t.setGraphDown(true);
    expect((await t.membership.members(TENANT, 'g-1', 'fresh'))?.memberIds).toEqual(['a', 'b']);
    await expect(t.membership.members(TENANT, 'g-2', 'fresh')).rejects.toMatchObject({ code: 'CAMPUS_ERR_GRAPH_UNAVAILABLE' });
  });

  it('shares one refresh among concurrent callers', async () => {
    const t = setup();
    await Promise.all([t.membership.members(TENANT, 'g-1', 'fresh'), t.membership.members(TENANT, 'g-1', 'fresh'), t.membership.members(TENANT, 'g-1', 'fresh')]);
    expect(t.fetches).toEqual(['g-1']);
  });
});
