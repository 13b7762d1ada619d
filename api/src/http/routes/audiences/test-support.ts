/** Targeting for route tests: real stores on the test's database, a fixed directory, groups from a map. */
import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { createAttendanceSource } from '../../../adapters/mongo/audience-attendance.js';
import { createGroupMembersStore } from '../../../adapters/mongo/audience-group-members-store.js';
import { createAudienceRepository } from '../../../adapters/mongo/audience-repository.js';
import { createAudiences, type Audiences } from '../../../domain/audiences/audiences.js';
import { createDirectoryIndexRegistry } from '../../../domain/audiences/directory-index-registry.js';
import type { IndexedPerson } from '../../../domain/audiences/directory-index.js';
import type { GroupDirectory, GroupSummary } from '../../../domain/audiences/group-directory.js';
import { createGroupMembership } from '../../../domain/audiences/group-membership-cache.js';
import { person, smallOrganization } from '../../../domain/audiences/test-support.js';
import { testUsers } from '../../test-support.js';

/** The small organization of the domain tests, plus the three HTTP test users (in Operations, Paris). */
export function directoryWithTestUsers(): IndexedPerson[] {
  const users = Object.values(testUsers).map((user, n) =>
    person(100 + n, {
      id: user.id,
      displayName: user.displayName,
      mail: user.mail,
      jobTitle: user.jobTitle,
      department: 'Operations',
      officeLocation: 'Paris',
      city: 'Paris',
      country: 'France',
      managerId: null,
    }),
  );
  return [...smallOrganization(), ...users];
}

/** Groups by name as Graph's $search finds them: a word of the name starts with the text, sorted by name. */
export function groupDirectoryOf(groups: readonly GroupSummary[]): GroupDirectory {
  const byName = [...groups].sort((a, b) => a.displayName.localeCompare(b.displayName));
  return {
    search: async (_scope, text, limit) =>
      byName
        .filter((group) =>
          group.displayName
            .toLowerCase()
            .split(' ')
            .some((word) => word.startsWith(text.toLowerCase())),
        )
        .slice(0, limit),
    findById: async (_scope, id) => groups.find((group) => group.id === id) ?? null,
  };
}

/**
 * Builds the targeting use cases for buildTestApp({ audiences }). `groups` maps group ids to their transitive user
 * members, as Graph would list them; change it to change Graph's answer (the next fetch sees it). `groupNames` are
 * the groups Graph finds by name.
 */
export function testAudiences(
  groups: Map<string, string[]>,
  people: IndexedPerson[] = directoryWithTestUsers(),
  groupNames: readonly GroupSummary[] = [],
): (db: Db) => Audiences {
  return (db) =>
    createAudiences({
      audiences: createAudienceRepository(db),
      directory: createDirectoryIndexRegistry(
        {
          async *readAll() {
            yield people;
          },
        },
        { info: () => undefined, warn: () => undefined },
      ),
      groups: createGroupMembership({
        source: { fetchTransitiveUserIds: async (_scope, groupId) => groups.get(groupId) ?? null },
        store: createGroupMembersStore(db),
        clock: { now: () => new Date() },
        // Every use asks "Graph" again, so a test sees a group change at once.
        refreshAfterMs: 0,
        memoryEntries: 10,
        logger: { warn: () => undefined },
      }),
      groupDirectory: groupDirectoryOf(groupNames),
      attendance: createAttendanceSource(db),
      clock: { now: () => new Date() },
      ids: { newId: randomUUID },
    });
}
