import type { Db } from 'mongodb';
import type { AudienceDirectorySource } from '../../domain/audiences/directory-index-registry.js';
import type { IndexedPerson } from '../../domain/audiences/directory-index.js';
import { toIndexedPerson } from '../../domain/audiences/directory-patch.js';
import { collectionNames } from './collections.js';
import type { DirectoryPersonDocument } from './directory-store.js';
import { withStore } from './store-errors.js';

/** People handed to the index per batch; the driver fetches as many per round trip. */
const BATCH = 2000;

/** What the index reads of a stored person: everything but the chain (it walks managerId) and the name parts. */
const projection = {
  _id: 0,
  id: 1,
  displayName: 1,
  mail: 1,
  userPrincipalName: 1,
  jobTitle: 1,
  department: 1,
  officeLocation: 1,
  city: 1,
  country: 1,
  employeeType: 1,
  accountEnabled: 1,
  managerId: 1,
  timeZone: 1,
  skills: 1,
  responsibilities: 1,
  aboutMe: 1,
  deleted: 1,
  syncedAt: 1,
} as const;

type ProjectedPerson = Pick<DirectoryPersonDocument, Exclude<keyof typeof projection, '_id'>>;

function toPerson(document: ProjectedPerson): IndexedPerson {
  return toIndexedPerson({
    id: document.id,
    displayName: document.displayName ?? '',
    mail: document.mail ?? null,
    userPrincipalName: document.userPrincipalName ?? '',
    jobTitle: document.jobTitle ?? null,
    department: document.department ?? null,
    officeLocation: document.officeLocation ?? null,
    city: document.city ?? null,
    country: document.country ?? null,
    employeeType: document.employeeType ?? null,
    accountEnabled: document.accountEnabled !== false,
    managerId: document.managerId ?? null,
    timeZone: document.timeZone ?? null,
    skills: document.skills ?? [],
    responsibilities: document.responsibilities ?? [],
    aboutMe: document.aboutMe ?? null,
    deleted: document.deleted === true,
    syncedAt: document.syncedAt ?? new Date(0),
  });
}

/** The whole stored directory of a tenant (the directory sync's collection), for building the audience index. */
export function createAudienceDirectorySource(db: Db): AudienceDirectorySource {
  const people = db.collection<DirectoryPersonDocument>(collectionNames.directoryPeople);
  return {
    async *readAll(scope) {
      const cursor = people.find<ProjectedPerson>({ tenantId: scope.tenantId }, { projection, batchSize: BATCH });
      try {
        let batch: IndexedPerson[] = [];
        for (;;) {
          const document = await withStore(() => cursor.next());
          if (document === null) break;
          batch.push(toPerson(document));
          if (batch.length === BATCH) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length > 0) yield batch;
      } finally {
        await cursor.close();
      }
    },
  };
}
