import { MongoBulkWriteError, type AnyBulkWriteOperation, type Db } from 'mongodb';
import {
  newDirectoryPerson,
  type DirectoryPerson,
  type DirectoryStore,
  type DirectoryWrite,
  type ManagerLink,
} from '../../domain/directory/directory-person.js';
import type { TenantScope } from '../../domain/shared/tenant-scope.js';
import { collectionNames } from './collections.js';
import { withStore } from './store-errors.js';
import { inTenant } from './tenant-filter.js';

/** Stored form of a directory person; `_id` is `${tenantId}:${id}`, so one tenant's person is one document. */
export type DirectoryPersonDocument = DirectoryPerson & { _id: string };

/** Inserts and reads go to the store in slices this big: large enough to be few round trips, small enough for one message. */
const WRITE_SLICE = 1000;
/** FerretDB 1.24 never answers an update command of 100 statements or more (found by bisecting): updates go 50 at a time. */
const UPDATE_SLICE = 50;

/**
 * The document id carries the tenant, so a filter on `_id` alone stays within the scope's tenant. Per-person reads
 * and writes filter on `_id` alone on purpose: FerretDB (the local store) uses an index only for `_id` equality and
 * scans the collection for anything else, including `_id` together with `tenantId`.
 */
const personKey = (scope: TenantScope, id: string) => `${scope.tenantId}:${id}`;

function slices<T>(items: T[], size = WRITE_SLICE): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** The domain person of a document; a property the document lacks reads as a new person's default. */
export function toDirectoryPerson(document: DirectoryPersonDocument): DirectoryPerson {
  const { _id, ...stored } = document;
  return {
    ...newDirectoryPerson(stored.id, stored.syncedAt),
    ...stored,
    managerChain: [...(stored.managerChain ?? [])],
    skills: [...(stored.skills ?? [])],
    responsibilities: [...(stored.responsibilities ?? [])],
  };
}

/** A person first seen: what the change says, defaults for the rest. */
function newDocument(scope: TenantScope, write: DirectoryWrite, syncedAt: Date): DirectoryPersonDocument {
  return {
    _id: personKey(scope, write.id),
    tenantId: scope.tenantId,
    ...newDirectoryPerson(write.id, syncedAt),
    ...write,
    deleted: false,
    syncedAt,
  };
}

function isOnlyDuplicates(error: unknown): error is MongoBulkWriteError {
  const failures = error instanceof MongoBulkWriteError ? [error.writeErrors].flat() : [];
  return failures.length > 0 && failures.every((failure) => failure.code === 11000);
}

const linkProjection = { projection: { _id: 0, id: 1, managerId: 1, managerChain: 1 } } as const;
const toLink = (
  document: Pick<DirectoryPersonDocument, 'id' | 'managerId' | 'managerChain'>,
): ManagerLink => ({
  id: document.id,
  managerId: document.managerId ?? null,
  managerChain: document.managerChain ?? [],
});

export function createDirectoryStore(db: Db): DirectoryStore {
  const people = db.collection<DirectoryPersonDocument>(collectionNames.directoryPeople);

  async function bulk(operations: AnyBulkWriteOperation<DirectoryPersonDocument>[]): Promise<void> {
    for (const slice of slices(operations, UPDATE_SLICE)) await people.bulkWrite(slice, { ordered: false });
  }

  const setById = (
    scope: TenantScope,
    id: string,
    fields: Partial<DirectoryPersonDocument>,
  ): AnyBulkWriteOperation<DirectoryPersonDocument> => ({
    updateOne: { filter: { _id: personKey(scope, id) }, update: { $set: fields } },
  });

  /** Reads people one `_id` at a time: on FerretDB that is an index lookup, where `$in` scans the collection. */
  async function findEach<T>(
    scope: TenantScope,
    ids: string[],
    read: (key: string) => Promise<T | null>,
  ): Promise<T[]> {
    const found: T[] = [];
    for (const id of new Set(ids)) {
      const document = await read(personKey(scope, id));
      if (document) found.push(document);
    }
    return found;
  }

  return {
    upsertMany: (scope, writes, syncedAt) =>
      withStore(async () => {
        // One person may appear twice in a round (Graph says so): later properties win.
        const merged = new Map<string, DirectoryWrite>();
        for (const write of writes) merged.set(write.id, { ...merged.get(write.id), ...write });
        // Everyone is inserted first (one write per slice, and all of a first sync); those already stored fail on
        // `_id` and get their properties set instead.
        for (const slice of slices([...merged.values()])) {
          try {
            await people.insertMany(
              slice.map((write) => newDocument(scope, write, syncedAt)),
              { ordered: false },
            );
          } catch (error) {
            if (!isOnlyDuplicates(error)) throw error;
            const stored = [error.writeErrors].flat().map((failure) => slice[failure.index]!);
            await bulk(
              stored.map((write) => setById(scope, write.id, { ...write, deleted: false, syncedAt })),
            );
          }
        }
      }),

    markDeleted: (scope, ids, syncedAt) =>
      withStore(() => bulk(ids.map((id) => setById(scope, id, { deleted: true, syncedAt })))),

    markDeletedUnlessSyncedSince: (scope, since) =>
      withStore(async () => {
        const result = await people.updateMany(
          inTenant<DirectoryPersonDocument>(scope, { deleted: false, syncedAt: { $lt: since } }),
          { $set: { deleted: true } },
        );
        return result.modifiedCount;
      }),

    findById: (scope, id) =>
      withStore(async () => {
        const document = await people.findOne({ _id: personKey(scope, id) });
        return document ? toDirectoryPerson(document) : null;
      }),

    findByIds: (scope, ids) =>
      withStore(async () =>
        (await findEach(scope, ids, (key) => people.findOne({ _id: key }))).map(toDirectoryPerson),
      ),

    listReports: (scope, managerId) =>
      withStore(async () => {
        const documents = await people
          .find(inTenant<DirectoryPersonDocument>(scope, { managerId, deleted: false }))
          .toArray();
        return documents.map(toDirectoryPerson).sort((a, b) => a.displayName.localeCompare(b.displayName));
      }),

    findManagerLinks: (scope, ids) =>
      withStore(async () =>
        (await findEach(scope, ids, (key) => people.findOne({ _id: key }, linkProjection))).map(toLink),
      ),

    listManagerLinksUnder: (scope, ids) =>
      withStore(async () => {
        if (ids.length === 0) return [];
        const documents = await people
          .find(
            inTenant<DirectoryPersonDocument>(scope, { managerChain: { $in: [...new Set(ids)] } }),
            linkProjection,
          )
          .toArray();
        return documents.map(toLink);
      }),

    setManagerChains: (scope, chains) =>
      withStore(() => bulk(chains.map(({ id, managerChain }) => setById(scope, id, { managerChain })))),

    setProfiles: (scope, profiles) =>
      withStore(() =>
        bulk(
          profiles.map(({ id, skills, responsibilities, aboutMe, timeZone }) =>
            setById(scope, id, { skills, responsibilities, aboutMe, timeZone }),
          ),
        ),
      ),
  };
}
