import type { Clock, TenantScope } from '../shared/tenant-scope.js';
import type { GroupMembers, GroupMembership } from './audience.js';

/** Reads a group's transitive user members from Microsoft Graph. */
export interface GroupMembersSource {
  /** Member user ids, or null when the group does not exist. */
  fetchTransitiveUserIds(scope: TenantScope, groupId: string): Promise<string[] | null>;
}

/** Where the last answer for each group is kept, so a restart does not ask Graph again for every group. */
export interface GroupMembersStore {
  find(scope: TenantScope, groupId: string): Promise<GroupMembers | null>;
  save(scope: TenantScope, members: GroupMembers): Promise<void>;
}

export interface GroupMembershipOptions {
  source: GroupMembersSource;
  store: GroupMembersStore;
  clock: Clock;
  /** A cached answer older than this is refreshed on its next use. */
  refreshAfterMs: number;
  /** Groups whose members are also kept in this process's memory (the most recently used). */
  memoryEntries: number;
  logger: { warn(details: object, message: string): void };
}

interface Entry {
  /** The store's answer, read once when the group is first asked about in this process. */
  loaded: Promise<void>;
  members: GroupMembers | null;
  refreshing: Promise<GroupMembers | null> | null;
}

/**
 * Group membership cached in two layers: this process's memory (the most recently used groups) over a store
 * shared by processes, each answer with its own refresh time. A refresh is shared by everyone who asks meanwhile.
 */
export function createGroupMembership(options: GroupMembershipOptions): GroupMembership {
  const entries = new Map<string, Entry>();

  const isStale = (members: GroupMembers) => options.clock.now().getTime() - members.fetchedAt.getTime() >= options.refreshAfterMs;

  function remember(key: string, entry: Entry): void {
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > options.memoryEntries) entries.delete(entries.keys().next().value!);
  }

  function refresh(scope: TenantScope, groupId: string, key: string, entry: Entry): Promise<GroupMembers | null> {
    entry.refreshing ??= (async () => {
      try {
        const ids = await options.source.fetchTransitiveUserIds(scope, groupId);
        if (ids === null) {
          entry.members = null;
          return null;
        }
        const members: GroupMembers = { groupId, memberIds: [...new Set(ids.map((id) => id.toLowerCase()))].sort(), fetchedAt: options.clock.now() };
        await options.store.save(scope, members);
        entry.members = members;
        return members;
      } finally {
        entry.refreshing = null;
      }
    })();
    remember(key, entry);
    return entry.refreshing;
  }

  return {
    async members(scope, groupId, mode) {
      const id = groupId.toLowerCase();
      const key = `${scope.tenantId}:${id}`;
      let entry = entries.get(key);
      if (!entry) {
        const created: Entry = { loaded: Promise.resolve(), members: null, refreshing: null };
        created.loaded = options.store.find(scope, id).then(
          (stored) => {
            created.members ??= stored;
          },
          (error: unknown) => {
            entries.delete(key);
            throw error;
          },
        );
        remember(key, created);
        entry = created;
      }
      await entry.loaded;
      const cached = entry.members;
      if (cached && !isStale(cached)) return cached;
      if (cached && mode === 'allowStale') {
        refresh(scope, id, key, entry).catch((error: unknown) => options.logger.warn({ groupId: id, err: error }, 'group members could not be refreshed; the cached list is used'));
        return cached;
      }
      try {
        return await refresh(scope, id, key, entry);
      } catch (error) {
        if (!cached) throw error;
        // Graph is down and the list is merely old: an hour-old list beats no audience at all.
        options.logger.warn({ groupId: id, err: error }, 'group members could not be refreshed; the cached list is used');
        return cached;
      }
    },
  };
}
