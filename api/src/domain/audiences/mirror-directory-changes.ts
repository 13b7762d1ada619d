import type { DirectoryStore } from '../directory/directory-person.js';
import type { DirectoryIndexRegistry } from './directory-index-registry.js';

/**
 * The directory store, reporting each write to the audience index once the store has it: the "directory changed"
 * hook between the sync and the targeting rules. A write that fails is not reported (the sync retries it and the
 * retry is reported). Writes that do not change what rules read (manager chains: the index walks managerId) pass
 * straight through.
 */
export function mirrorDirectoryChanges(store: DirectoryStore, registry: Pick<DirectoryIndexRegistry, 'record'>): DirectoryStore {
  return {
    ...store,
    async upsertMany(scope, changes, syncedAt) {
      await store.upsertMany(scope, changes, syncedAt);
      registry.record(scope, { kind: 'upsert', changes, syncedAt });
    },
    async markDeleted(scope, ids, syncedAt) {
      await store.markDeleted(scope, ids, syncedAt);
      registry.record(scope, { kind: 'delete', ids, syncedAt });
    },
    async markDeletedUnlessSyncedSince(scope, since) {
      const count = await store.markDeletedUnlessSyncedSince(scope, since);
      registry.record(scope, { kind: 'deleteUnsyncedSince', since });
      return count;
    },
    async setProfiles(scope, profiles) {
      await store.setProfiles(scope, profiles);
      registry.record(scope, { kind: 'profiles', profiles });
    },
  };
}
