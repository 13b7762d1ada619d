/** In-memory ports for the directory sync's domain tests: a small Graph with delta rounds, and the stores. */
import type { LeaseStore } from '../registrations/registration.js';
import type { TenantScope } from '../shared/tenant-scope.js';
import {
  newDirectoryPerson,
  type DirectoryChange,
  type DirectoryPerson,
  type DirectoryProfile,
  type DirectoryStore,
  type ManagerLink,
} from './directory-person.js';
import type { DeltaPage, DirectorySource, ProfileRead } from './directory-source.js';
import type { DirectorySyncState, StagedPage, SyncStateStore } from './sync-state.js';

export type FakeUser = Required<Omit<DirectoryChange, 'id'>> & { id: string };

export function fakeUser(id: string, overrides: Partial<FakeUser> = {}): FakeUser {
  return {
    id,
    displayName: `Person ${id}`,
    givenName: 'Person',
    surname: id,
    mail: `${id}@contoso.test`,
    userPrincipalName: `${id}@contoso.test`,
    jobTitle: 'Engineer',
    department: 'R&D',
    officeLocation: 'Lyon',
    city: 'Lyon',
    country: 'France',
    employeeType: 'Employee',
    accountEnabled: true,
    managerId: null,
    ...overrides,
  };
}

interface Token {
  since: number | null;
  upTo: number;
  after: string | null;
}

/**
 * Graph's directory, reduced to what the sync reads: delta rounds over versioned users (changed users come back
 * with only their changed properties, removed users with @removed), a count, and profiles.
 */
export class FakeGraph implements DirectorySource {
  users = new Map<string, FakeUser>();
  profiles = new Map<string, DirectoryProfile>();
  /** Profiles Graph answers 429 for (after its retries). */
  throttledProfiles = new Set<string>();
  /** Delta links Graph no longer honours. */
  expiredLinks = new Set<string>();
  pageSize = 3;
  deltaReads = 0;
  profileReads = 0;
  /** Throws (as a crash would stop the process) instead of answering the delta page with this number (1-based). */
  crashAtPage: number | null = null;
  crashAtProfileRead: number | null = null;
  private version = 1;
  private changes = new Map<string, { at: number; properties: Set<string> | null }>();
  private removed = new Map<string, number>();

  add(user: FakeUser, profile: Partial<DirectoryProfile> = {}): void {
    this.version += 1;
    this.users.set(user.id, user);
    this.profiles.set(user.id, {
      id: user.id,
      skills: [],
      responsibilities: [],
      aboutMe: null,
      timeZone: 'Romance Standard Time',
      ...profile,
    });
    this.changes.set(user.id, { at: this.version, properties: null });
    this.removed.delete(user.id);
  }

  update(id: string, patch: Partial<Omit<FakeUser, 'id'>>): void {
    const user = this.users.get(id);
    if (!user) throw new Error(`no user ${id}`);
    this.version += 1;
    Object.assign(user, patch);
    const previous = this.changes.get(id);
    const properties = new Set(previous?.properties ?? []);
    for (const key of Object.keys(patch)) properties.add(key);
    this.changes.set(id, { at: this.version, properties });
  }

  remove(id: string): void {
    this.version += 1;
    this.users.delete(id);
    this.removed.set(id, this.version);
  }

  private link(kind: 'next' | 'delta', token: Token): string {
    return `https://graph.test/v1.0/users/delta?${kind === 'next' ? '$skiptoken' : '$deltatoken'}=${encodeURIComponent(JSON.stringify(token))}`;
  }

  async readDeltaPage(_scope: TenantScope, link: string | null): Promise<DeltaPage> {
    this.deltaReads += 1;
    if (this.crashAtPage === this.deltaReads) throw new Error('process stopped (test)');
    if (link !== null && this.expiredLinks.has(link))
      return { kind: 'resync-required', reason: '410 syncStateNotFound' };
    const query = link === null ? null : new URL(link).searchParams;
    const raw = query?.get('$skiptoken') ?? query?.get('$deltatoken') ?? null;
    const parsed: Token =
      raw === null ? { since: null, upTo: this.version, after: null } : (JSON.parse(raw) as Token);
    const token: Token = query?.has('$deltatoken')
      ? { since: parsed.upTo, upTo: this.version, after: null }
      : parsed;
    const since = token.since;
    const ids =
      since === null
        ? [...this.users.keys()].sort()
        : [
            ...new Set([
              ...[...this.changes].filter(([, change]) => change.at > since).map(([id]) => id),
              ...[...this.removed].filter(([, at]) => at > since).map(([id]) => id),
            ]),
          ].sort();
    const remaining = ids.filter((id) => token.after === null || id > token.after);
    const pageIds = remaining.slice(0, this.pageSize);
    const page: DeltaPage & { kind: 'page' } = {
      kind: 'page',
      changes: [],
      removedIds: [],
      nextLink: null,
      deltaLink: null,
    };
    for (const id of pageIds) {
      const user = this.users.get(id);
      if (!user) {
        page.removedIds.push(id);
        continue;
      }
      const change = since === null ? null : this.changes.get(id);
      const properties = change && change.at > since! && change.properties ? change.properties : null;
      // A full round leaves out null properties, as Graph does for a user without a manager.
      const full = Object.fromEntries(
        Object.entries(user).filter(([, value]) => value !== null),
      ) as DirectoryChange;
      page.changes.push(
        properties
          ? ({
              id,
              ...Object.fromEntries([...properties].map((key) => [key, user[key as keyof FakeUser]])),
            } as DirectoryChange)
          : full,
      );
    }
    if (remaining.length > pageIds.length)
      page.nextLink = this.link('next', { ...token, after: pageIds[pageIds.length - 1]! });
    else page.deltaLink = this.link('delta', { since: null, upTo: token.upTo, after: null });
    return page;
  }

  async countPeople(): Promise<number | null> {
    return this.users.size;
  }

  async readProfiles(_scope: TenantScope, ids: string[]): Promise<ProfileRead> {
    this.profileReads += 1;
    if (this.crashAtProfileRead === this.profileReads) throw new Error('process stopped (test)');
    const read: ProfileRead = {
      profiles: [],
      gone: [],
      failed: [],
      batches: Math.ceil((ids.length * 2) / 20),
      requests: ids.length * 2,
    };
    for (const id of ids) {
      const profile = this.profiles.get(id);
      if (!this.users.has(id) || !profile) read.gone.push(id);
      else if (this.throttledProfiles.has(id)) read.failed.push(id);
      else read.profiles.push({ ...profile });
    }
    return read;
  }
}

export function createMemoryDirectory(): DirectoryStore & {
  people: Map<string, DirectoryPerson>;
  writes: number;
} {
  const people = new Map<string, DirectoryPerson>();
  const key = (scope: TenantScope, id: string) => `${scope.tenantId}:${id}`;
  const link = (person: DirectoryPerson): ManagerLink => ({
    id: person.id,
    managerId: person.managerId,
    managerChain: [...person.managerChain],
  });
  const inTenant = (scope: TenantScope) =>
    [...people.values()].filter((person) => person.tenantId === scope.tenantId);
  const store = {
    people,
    writes: 0,
    async upsertMany(
      scope: TenantScope,
      writes: Parameters<DirectoryStore['upsertMany']>[1],
      syncedAt: Date,
    ) {
      for (const write of writes) {
        store.writes += 1;
        const existing = people.get(key(scope, write.id));
        const base: DirectoryPerson = existing ?? {
          tenantId: scope.tenantId,
          ...newDirectoryPerson(write.id, syncedAt),
        };
        people.set(key(scope, write.id), { ...base, ...write, deleted: false, syncedAt });
      }
    },
    async markDeleted(scope: TenantScope, ids: string[], syncedAt: Date) {
      for (const id of ids) {
        const person = people.get(key(scope, id));
        if (person) people.set(key(scope, id), { ...person, deleted: true, syncedAt });
      }
    },
    async markDeletedUnlessSyncedSince(scope: TenantScope, since: Date) {
      const stale = inTenant(scope).filter((person) => !person.deleted && person.syncedAt < since);
      for (const person of stale) people.set(key(scope, person.id), { ...person, deleted: true });
      return stale.length;
    },
    async findById(scope: TenantScope, id: string) {
      return people.get(key(scope, id)) ?? null;
    },
    async findByIds(scope: TenantScope, ids: string[]) {
      return ids
        .map((id) => people.get(key(scope, id)))
        .filter((person): person is DirectoryPerson => person !== undefined);
    },
    async listReports(scope: TenantScope, managerId: string) {
      return inTenant(scope).filter((person) => person.managerId === managerId && !person.deleted);
    },
    async findManagerLinks(scope: TenantScope, ids: string[]) {
      return (await store.findByIds(scope, ids)).map(link);
    },
    async listManagerLinksUnder(scope: TenantScope, ids: string[]) {
      return inTenant(scope)
        .filter((person) => person.managerChain.some((above) => ids.includes(above)))
        .map(link);
    },
    async setManagerChains(scope: TenantScope, chains: Array<{ id: string; managerChain: string[] }>) {
      for (const { id, managerChain } of chains) {
        store.writes += 1;
        const person = people.get(key(scope, id));
        if (person) people.set(key(scope, id), { ...person, managerChain });
      }
    },
    async setProfiles(scope: TenantScope, profiles: DirectoryProfile[]) {
      for (const { id, ...profile } of profiles) {
        store.writes += 1;
        const person = people.get(key(scope, id));
        if (person) people.set(key(scope, id), { ...person, ...profile });
      }
    },
  };
  return store;
}

export function createMemorySyncStates(): SyncStateStore & {
  staged: Map<string, StagedPage>;
  queue: Map<string, string[]>;
} {
  const states = new Map<string, DirectorySyncState>();
  const staged = new Map<string, StagedPage>();
  const queue = new Map<string, string[]>();
  const key = (scope: TenantScope, n: number) => `${scope.tenantId}:${n}`;
  return {
    staged,
    queue,
    async find(scope) {
      const state = states.get(scope.tenantId);
      return state ? structuredClone(state) : null;
    },
    async save(state) {
      states.set(state.tenantId, structuredClone(state));
    },
    async stagePage(scope, pageNo, page) {
      staged.set(key(scope, pageNo), structuredClone(page));
    },
    async findStagedPage(scope, pageNo) {
      const page = staged.get(key(scope, pageNo));
      return page ? structuredClone(page) : null;
    },
    async clearStagedPages(scope, count) {
      for (let pageNo = 0; pageNo < count; pageNo += 1) staged.delete(key(scope, pageNo));
    },
    async setEnrichmentBatch(scope, seq, ids) {
      if (ids.length === 0) queue.delete(key(scope, seq));
      else queue.set(key(scope, seq), [...ids]);
    },
    async findEnrichmentBatch(scope, seq) {
      return queue.get(key(scope, seq)) ?? null;
    },
    async countEnrichment(scope) {
      return [...queue]
        .filter(([k]) => k.startsWith(`${scope.tenantId}:`))
        .reduce((sum, [, ids]) => sum + ids.length, 0);
    },
  };
}

/** Leases in memory, with the store's semantics: one holder until release or expiry. */
export function createMemoryLeases(
  now: () => number,
): LeaseStore & { holders: Map<string, { holder: string; until: number }> } {
  const holders = new Map<string, { holder: string; until: number }>();
  return {
    holders,
    async tryAcquire(key, holder, ttlMs) {
      const current = holders.get(key);
      if (current && current.until > now()) return false;
      holders.set(key, { holder, until: now() + ttlMs });
      return true;
    },
    async release(key, holder) {
      if (holders.get(key)?.holder === holder) holders.delete(key);
    },
  };
}
