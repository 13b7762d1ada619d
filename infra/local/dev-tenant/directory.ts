import type { DirectoryGroup, DirectoryUser, TenantState } from './state.js';

/**
 * Indexes and change history kept beside a TenantState (not in it, so the shared state type stays as agreed).
 * Derived maps are rebuilt when the state's directoryVersion moved without going through this module;
 * the change history (created/changed per property, delete reasons) lives only here.
 */
interface DirectoryIndex {
  seenVersion: number;
  reports: Map<string, Set<string>>;
  groupsOfMember: Map<string, Set<string>>;
  createdAt: Map<string, number>;
  propertyChangedAt: Map<string, Map<string, number>>;
  deletedReasons: Map<string, RemovedReason>;
  /** The manager a user had before its latest manager change (delta reports it as removed). */
  formerManagers: Map<string, string | null>;
  sorted: { version: number; byId: DirectoryUser[] | null; byName: DirectoryUser[] | null } | null;
}

/** Graph's delta `@removed.reason`: 'changed' = soft-deleted (restorable), 'deleted' = gone for good. */
export type RemovedReason = 'changed' | 'deleted';

const indexes = new WeakMap<TenantState, DirectoryIndex>();

function rebuildDerived(state: TenantState, index: DirectoryIndex): void {
  index.reports.clear();
  index.groupsOfMember.clear();
  for (const user of state.users.values()) {
    if (!user.managerId) continue;
    let set = index.reports.get(user.managerId);
    if (!set) index.reports.set(user.managerId, (set = new Set()));
    set.add(user.id);
  }
  for (const group of state.groups.values()) {
    for (const memberId of group.memberIds) {
      let set = index.groupsOfMember.get(memberId);
      if (!set) index.groupsOfMember.set(memberId, (set = new Set()));
      set.add(group.id);
    }
  }
  index.seenVersion = state.directoryVersion;
  index.sorted = null;
}

function directoryIndex(state: TenantState): DirectoryIndex {
  let index = indexes.get(state);
  if (!index) {
    index = {
      seenVersion: -1, reports: new Map(), groupsOfMember: new Map(), createdAt: new Map(),
      propertyChangedAt: new Map(), deletedReasons: new Map(), formerManagers: new Map(), sorted: null,
    };
    indexes.set(state, index);
  }
  if (index.seenVersion !== state.directoryVersion) rebuildDerived(state, index);
  return index;
}

/** Users ordered by id (Graph's default collection order here) and by displayName, each built on first use per directory version. */
export function sortedUsers(state: TenantState): { readonly byId: DirectoryUser[]; readonly byName: DirectoryUser[] } {
  const index = directoryIndex(state);
  if (!index.sorted || index.sorted.version !== state.directoryVersion) index.sorted = { version: state.directoryVersion, byId: null, byName: null };
  const sorted = index.sorted;
  return {
    get byId() {
      sorted.byId ??= [...state.users.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return sorted.byId;
    },
    get byName() {
      sorted.byName ??= [...state.users.values()].sort(compareByName);
      return sorted.byName;
    },
  };
}

export function compareByName(a: DirectoryUser, b: DirectoryUser): number {
  return a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function directReports(state: TenantState, managerId: string): DirectoryUser[] {
  const ids = directoryIndex(state).reports.get(managerId) ?? new Set<string>();
  return [...ids].map((id) => state.users.get(id)).filter((u): u is DirectoryUser => !!u);
}

/** Groups that have `memberId` (user or group) as a direct member. */
export function groupsOf(state: TenantState, memberId: string): DirectoryGroup[] {
  const ids = directoryIndex(state).groupsOfMember.get(memberId) ?? new Set<string>();
  return [...ids].map((id) => state.groups.get(id)).filter((g): g is DirectoryGroup => !!g);
}

/** Every group `memberId` belongs to directly or through nested groups (cycles tolerated). */
export function transitiveGroupsOf(state: TenantState, memberId: string): DirectoryGroup[] {
  const seen = new Map<string, DirectoryGroup>();
  const queue = [memberId];
  while (queue.length) {
    for (const group of groupsOf(state, queue.shift()!)) {
      if (seen.has(group.id)) continue;
      seen.set(group.id, group);
      queue.push(group.id);
    }
  }
  return [...seen.values()];
}

/** Users and groups under a group, through nested groups, each once. */
export function transitiveMembers(state: TenantState, groupId: string): { users: DirectoryUser[]; groups: DirectoryGroup[] } {
  const users = new Map<string, DirectoryUser>();
  const groups = new Map<string, DirectoryGroup>();
  const queue = [groupId];
  while (queue.length) {
    const group = state.groups.get(queue.shift()!);
    for (const memberId of group?.memberIds ?? []) {
      const user = state.users.get(memberId);
      if (user) users.set(user.id, user);
      const nested = state.groups.get(memberId);
      if (nested && !groups.has(nested.id) && nested.id !== groupId) {
        groups.set(nested.id, nested);
        queue.push(nested.id);
      }
    }
  }
  return { users: [...users.values()], groups: [...groups.values()] };
}

/** What delta needs to know about one user since a version. */
export interface UserChange {
  createdSince: boolean;
  /** Properties changed since the version, or null when the history does not know (report all). */
  properties: Set<string> | null;
}

export function userChangeSince(state: TenantState, userId: string, version: number): UserChange {
  const index = directoryIndex(state);
  const created = index.createdAt.get(userId) ?? 0;
  const changes = index.propertyChangedAt.get(userId);
  if (created > version) return { createdSince: true, properties: null };
  if (!changes) return { createdSince: false, properties: null };
  const properties = new Set<string>();
  for (const [property, at] of changes) if (at > version) properties.add(property);
  return { createdSince: false, properties: properties.size ? properties : null };
}

export function formerManagerOf(state: TenantState, userId: string): string | null {
  return directoryIndex(state).formerManagers.get(userId) ?? null;
}

export function removedReason(state: TenantState, userId: string): RemovedReason {
  return directoryIndex(state).deletedReasons.get(userId) ?? 'changed';
}

function bump(state: TenantState, index: DirectoryIndex): number {
  state.directoryVersion += 1;
  index.seenVersion = state.directoryVersion;
  index.sorted = null;
  return state.directoryVersion;
}

function indexUserNames(state: TenantState, user: DirectoryUser): void {
  state.usersByUpn.set(user.userPrincipalName.toLowerCase(), user.id);
  if (user.mail) state.usersByUpn.set(user.mail.toLowerCase(), user.id);
}

/** Applies a change to a user; returns the names of the properties whose value changed. */
export function updateUser(state: TenantState, userId: string, patch: Partial<Omit<DirectoryUser, 'id'>>): string[] {
  const index = directoryIndex(state);
  const user = state.users.get(userId);
  if (!user) return [];
  const changed = Object.keys(patch).filter(
    (key) => JSON.stringify(user[key as keyof DirectoryUser]) !== JSON.stringify(patch[key as keyof typeof patch]),
  );
  if (!changed.length) return [];
  if ('managerId' in patch && patch.managerId !== user.managerId) {
    index.formerManagers.set(user.id, user.managerId);
    if (user.managerId) index.reports.get(user.managerId)?.delete(user.id);
    if (patch.managerId) {
      let set = index.reports.get(patch.managerId);
      if (!set) index.reports.set(patch.managerId, (set = new Set()));
      set.add(user.id);
    }
  }
  state.usersByUpn.delete(user.userPrincipalName.toLowerCase());
  state.usersByUpn.delete(user.mail.toLowerCase());
  Object.assign(user, patch);
  indexUserNames(state, user);
  const version = bump(state, index);
  state.userChangedAt.set(user.id, version);
  let history = index.propertyChangedAt.get(user.id);
  if (!history) index.propertyChangedAt.set(user.id, (history = new Map()));
  for (const key of changed) history.set(key === 'managerId' ? 'manager' : key, version);
  return changed;
}

export function createUser(state: TenantState, user: DirectoryUser): DirectoryUser {
  const index = directoryIndex(state);
  state.users.set(user.id, user);
  indexUserNames(state, user);
  if (user.managerId) {
    let set = index.reports.get(user.managerId);
    if (!set) index.reports.set(user.managerId, (set = new Set()));
    set.add(user.id);
  }
  const version = bump(state, index);
  state.deletedUsers.delete(user.id);
  index.deletedReasons.delete(user.id);
  state.userChangedAt.set(user.id, version);
  index.createdAt.set(user.id, version);
  return user;
}

/**
 * Removes a user from the directory (and from groups); reports who had them as manager lose it.
 * `permanent` mirrors Graph's distinction between a soft delete and a hard delete in delta's @removed reason.
 */
export function deleteUser(state: TenantState, userId: string, permanent: boolean): boolean {
  const index = directoryIndex(state);
  const user = state.users.get(userId);
  if (!user) return false;
  for (const reportId of [...(index.reports.get(userId) ?? [])]) updateUser(state, reportId, { managerId: null });
  for (const group of groupsOf(state, userId)) removeGroupMember(state, group.id, userId);
  state.users.delete(userId);
  state.usersByUpn.delete(user.userPrincipalName.toLowerCase());
  state.usersByUpn.delete(user.mail.toLowerCase());
  if (user.managerId) index.reports.get(user.managerId)?.delete(userId);
  const version = bump(state, index);
  state.userChangedAt.delete(userId);
  state.deletedUsers.set(userId, version);
  index.deletedReasons.set(userId, permanent ? 'deleted' : 'changed');
  return true;
}

export function addGroupMember(state: TenantState, groupId: string, memberId: string): boolean {
  const index = directoryIndex(state);
  const group = state.groups.get(groupId);
  if (!group || group.memberIds.includes(memberId)) return false;
  group.memberIds.push(memberId);
  let set = index.groupsOfMember.get(memberId);
  if (!set) index.groupsOfMember.set(memberId, (set = new Set()));
  set.add(groupId);
  bump(state, index);
  return true;
}

export function removeGroupMember(state: TenantState, groupId: string, memberId: string): boolean {
  const index = directoryIndex(state);
  const group = state.groups.get(groupId);
  if (!group || !group.memberIds.includes(memberId)) return false;
  group.memberIds = group.memberIds.filter((id) => id !== memberId);
  index.groupsOfMember.get(memberId)?.delete(groupId);
  bump(state, index);
  return true;
}
