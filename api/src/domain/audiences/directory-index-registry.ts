import type { TenantScope } from '../shared/tenant-scope.js';
import { DirectoryIndex, type IndexedPerson } from './directory-index.js';
import { applyDirectoryPatch, type DirectoryPatch, type PeopleView } from './directory-patch.js';

/** Reads the stored directory of a tenant, everyone (deleted people included), in batches. */
export interface AudienceDirectorySource {
  readAll(scope: TenantScope): AsyncIterable<IndexedPerson[]>;
}

export interface RegistryLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** The current audience index of each tenant this process serves. */
export interface DirectoryIndexRegistry {
  /** The index with every write reported so far; the first call per tenant reads the whole stored directory. */
  current(scope: TenantScope): Promise<DirectoryIndex>;
  /** Reports a write the directory store has made (after it succeeded). */
  record(scope: TenantScope, patch: DirectoryPatch): void;
  /** Starts the first read in the background, so the first preview does not wait for it. */
  warmUp(scope: TenantScope): void;
}

export interface RegistryOptions {
  /** The next snapshot is built once no write has come for this long (or sooner, when a request needs it)... */
  settleMs: number;
  /** ...or at the latest this long after the first write it misses, so a long sync is followed as it goes. */
  maxWaitMs: number;
}

interface TenantEntry {
  snapshot: Promise<DirectoryIndex>;
  pending: DirectoryPatch[];
  timer: ReturnType<typeof setTimeout> | null;
  /** When the oldest pending write was reported. */
  pendingSince: number | null;
}

/** The people of a snapshot as patches see them: only those a patch touches become records, kept in `changed`. */
function changesOver(index: DirectoryIndex, changed: Map<string, IndexedPerson>): PeopleView {
  return {
    get(id) {
      if (changed.has(id)) return changed.get(id);
      const row = index.rowOf(id);
      return row < 0 ? undefined : index.person(row);
    },
    set(person) {
      changed.set(person.id, person);
    },
    syncedBefore(since) {
      const stale: IndexedPerson[] = [];
      for (let row = 0; row < index.size; row++) {
        const person = changed.get(index.ids[row]!);
        if (person ? !person.deleted && person.syncedAt < since : !index.deleted[row] && index.syncedAt[row]! < since) stale.push(person ?? index.person(row));
      }
      for (const person of changed.values()) if (index.rowOf(person.id) < 0 && !person.deleted && person.syncedAt < since) stale.push(person);
      return stale;
    },
  };
}

/**
 * Why an in-memory index: FerretDB 1.24 on SQLite pushes almost no filter down, so a rule run as a query reads and
 * decodes every directory document (about a minute for 100,000 on two cores); a preview has to answer while an
 * organizer types. The whole directory is therefore read once per process, kept as columns (a few tens of MB at
 * 100,000), and kept current by repeating the directory store's writes (see mirrorDirectoryChanges) instead of
 * reading again. Writes are applied in batches: the next snapshot copies the previous one's columns and writes the
 * people the pending writes touched, when a request needs it or shortly after the writes stop.
 */
export function createDirectoryIndexRegistry(source: AudienceDirectorySource, logger: RegistryLogger, options: RegistryOptions = { settleMs: 2000, maxWaitMs: 30_000 }): DirectoryIndexRegistry {
  const tenants = new Map<string, TenantEntry>();

  async function load(scope: TenantScope): Promise<DirectoryIndex> {
    const startedAt = Date.now();
    const people: IndexedPerson[] = [];
    for await (const batch of source.readAll(scope)) people.push(...batch);
    const index = DirectoryIndex.of(people);
    logger.info({ tenantId: scope.tenantId, people: index.size, ms: Date.now() - startedAt }, 'audience index loaded from the directory store');
    return index;
  }

  function entryOf(scope: TenantScope): TenantEntry {
    let entry = tenants.get(scope.tenantId);
    if (!entry) {
      const created: TenantEntry = { snapshot: load(scope), pending: [], timer: null, pendingSince: null };
      // A failed read is not remembered: the next request reads again.
      created.snapshot.catch(() => {
        if (tenants.get(scope.tenantId) === created) tenants.delete(scope.tenantId);
      });
      tenants.set(scope.tenantId, created);
      entry = created;
    }
    return entry;
  }

  /** Folds the pending writes into a new snapshot; requests arriving meanwhile wait for it (one rebuild at a time). */
  function settle(entry: TenantEntry): Promise<DirectoryIndex> {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.pendingSince = null;
    if (entry.pending.length === 0) return entry.snapshot;
    const patches = entry.pending.splice(0);
    entry.snapshot = entry.snapshot.then((previous) => {
      const changed = new Map<string, IndexedPerson>();
      const people = changesOver(previous, changed);
      for (const patch of patches) applyDirectoryPatch(people, patch);
      return previous.withChanges(changed);
    });
    return entry.snapshot;
  }

  return {
    current(scope) {
      const entry = entryOf(scope);
      return settle(entry);
    },
    record(scope, patch) {
      // Without an entry nothing is loaded yet, and the first read will see this write in the store.
      const entry = tenants.get(scope.tenantId);
      if (!entry) return;
      entry.pending.push(patch);
      const now = Date.now();
      entry.pendingSince ??= now;
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = setTimeout(
        () => {
          settle(entry).catch((error: unknown) => logger.warn({ tenantId: scope.tenantId, err: error }, 'audience index rebuild failed; the next request retries'));
        },
        Math.min(options.settleMs, Math.max(0, entry.pendingSince + options.maxWaitMs - now)),
      );
      entry.timer.unref?.();
    },
    warmUp(scope) {
      entryOf(scope).snapshot.catch((error: unknown) => logger.warn({ tenantId: scope.tenantId, err: error }, 'audience index could not be loaded; the next request retries'));
    },
  };
}
