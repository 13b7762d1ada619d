import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { DirectoryStore } from '../domain/directory/directory-person.js';
import { cacheAttendance } from '../domain/audiences/attendance-cache.js';
import { createAudiences, type Audiences } from '../domain/audiences/audiences.js';
import { createDirectoryIndexRegistry, type DirectoryIndexRegistry, type RegistryLogger } from '../domain/audiences/directory-index-registry.js';
import { createGroupMembership } from '../domain/audiences/group-membership-cache.js';
import { mirrorDirectoryChanges } from '../domain/audiences/mirror-directory-changes.js';
import type { GraphGateway } from './graph/graph-gateway.js';
import { createGroupDirectory } from './graph/group-directory.js';
import { createGroupMembersSource } from './graph/group-members.js';
import { createAttendanceSource } from './mongo/audience-attendance.js';
import { createAudienceDirectorySource } from './mongo/audience-directory-source.js';
import { createGroupMembersStore } from './mongo/audience-group-members-store.js';
import { createAudienceRepository } from './mongo/audience-repository.js';

/** A group's members are read from Graph again when their cached list is older than this. */
const GROUP_MEMBERS_REFRESH_MS = 60 * 60_000;
/** Groups whose members this process also keeps in memory (a 100,000-member group is a few MB). */
const GROUPS_IN_MEMORY = 50;
/** Attendees of a topic are read again after this long (previews ask at every edit of a rule). */
const ATTENDANCE_CACHE_MS = 30_000;

export interface Targeting {
  audiences: Audiences;
  /** The per-tenant audience index; warmUp() it at start. */
  index: DirectoryIndexRegistry;
  /** The directory store the sync writes through, so the audience index follows each write. */
  mirror(store: DirectoryStore): DirectoryStore;
}

/** Wires saved audiences, previews, recipients and expert search on the real stores and Graph. */
export function createTargeting(options: { db: Db; graph: GraphGateway; logger: RegistryLogger }): Targeting {
  const clock = { now: () => new Date() };
  const index = createDirectoryIndexRegistry(createAudienceDirectorySource(options.db), options.logger);
  const audiences = createAudiences({
    audiences: createAudienceRepository(options.db),
    directory: index,
    groups: createGroupMembership({
      source: createGroupMembersSource(options.graph),
      store: createGroupMembersStore(options.db),
      clock,
      refreshAfterMs: GROUP_MEMBERS_REFRESH_MS,
      memoryEntries: GROUPS_IN_MEMORY,
      logger: options.logger,
    }),
    groupDirectory: createGroupDirectory(options.graph),
    attendance: cacheAttendance(createAttendanceSource(options.db), { clock, ttlMs: ATTENDANCE_CACHE_MS }),
    clock,
    ids: { newId: randomUUID },
  });
  return { audiences, index, mirror: (store) => mirrorDirectoryChanges(store, index) };
}
