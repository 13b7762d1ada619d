import type { Db } from 'mongodb';
import type { DirectoryChange } from '../../domain/directory/directory-person.js';
import type { DirectorySyncState, StagedPage, SyncStateStore } from '../../domain/directory/sync-state.js';
import type { TenantScope } from '../../domain/shared/tenant-scope.js';
import { collectionNames } from './collections.js';
import { withStore } from './store-errors.js';
import { inTenant } from './tenant-filter.js';

/** Stored sync state of a tenant; `_id` is the tenant id (one state per tenant). */
export interface SyncStateDocument extends DirectorySyncState {
  _id: string;
  updatedAt: Date;
}

/** One staged delta page of a full round; `_id` is `${tenantId}:${pageNo}`. */
export interface StagedPageDocument {
  _id: string;
  tenantId: string;
  pageNo: number;
  changes: DirectoryChange[];
  removedIds: string[];
  profiles: StagedPage['profiles'] | null;
}

/** One batch of the enrichment queue; `_id` is `${tenantId}:${seq}`. */
export interface EnrichmentBatchDocument {
  _id: string;
  tenantId: string;
  seq: number;
  ids: string[];
}

/** Ids carry the tenant: filtering on `_id` alone stays in the tenant and is an index lookup on FerretDB too. */
const numbered = (scope: TenantScope, n: number) => `${scope.tenantId}:${n}`;

function toState(document: SyncStateDocument): DirectorySyncState {
  return {
    tenantId: document.tenantId,
    phase: document.phase,
    kind: document.kind ?? null,
    nextLink: document.nextLink ?? null,
    deltaLink: document.deltaLink ?? null,
    runStartedAt: document.runStartedAt ?? null,
    pagesDone: document.pagesDone,
    peopleSeen: document.peopleSeen,
    peopleTotal: document.peopleTotal ?? null,
    pagesEnriched: document.pagesEnriched,
    pagesPublished: document.pagesPublished,
    pagesStaged: document.pagesStaged,
    enrichmentHead: document.enrichmentHead,
    enrichmentTail: document.enrichmentTail,
    enrichmentTotal: document.enrichmentTotal,
    requests: { ...document.requests },
    lastCompletedAt: document.lastCompletedAt ?? null,
    lastError: document.lastError ? { message: document.lastError.message, at: document.lastError.at } : null,
  };
}

export function createSyncStateStore(db: Db): SyncStateStore {
  const states = db.collection<SyncStateDocument>(collectionNames.directorySyncStates);
  const staging = db.collection<StagedPageDocument>(collectionNames.directoryStaging);
  const queue = db.collection<EnrichmentBatchDocument>(collectionNames.directoryEnrichmentQueue);

  return {
    find: (scope) =>
      withStore(async () => {
        const document = await states.findOne({ _id: scope.tenantId });
        return document ? toState(document) : null;
      }),

    save: (state) =>
      withStore(async () => {
        // Only the lease holder writes its tenant's state, so a plain replace is enough.
        await states.replaceOne({ _id: state.tenantId }, { ...state, updatedAt: new Date() }, { upsert: true });
      }),

    stagePage: (scope, pageNo, page) =>
      withStore(async () => {
        const document = { tenantId: scope.tenantId, pageNo, changes: page.changes, removedIds: page.removedIds, profiles: page.profiles ?? null };
        await staging.replaceOne({ _id: numbered(scope, pageNo) }, document, { upsert: true });
      }),

    findStagedPage: (scope, pageNo) =>
      withStore(async (): Promise<StagedPage | null> => {
        const document = await staging.findOne({ _id: numbered(scope, pageNo) });
        if (!document) return null;
        return document.profiles ? { changes: document.changes, removedIds: document.removedIds, profiles: document.profiles } : { changes: document.changes, removedIds: document.removedIds };
      }),

    clearStagedPages: (scope, count) =>
      withStore(async () => {
        for (let pageNo = 0; pageNo < count; pageNo += 1) await staging.deleteOne({ _id: numbered(scope, pageNo) });
      }),

    setEnrichmentBatch: (scope, seq, ids) =>
      withStore(async () => {
        if (ids.length === 0) await queue.deleteOne({ _id: numbered(scope, seq) });
        else await queue.replaceOne({ _id: numbered(scope, seq) }, { tenantId: scope.tenantId, seq, ids }, { upsert: true });
      }),

    findEnrichmentBatch: (scope, seq) =>
      withStore(async () => (await queue.findOne({ _id: numbered(scope, seq) }))?.ids ?? null),

    countEnrichment: (scope) =>
      withStore(async () => {
        const batches = await queue.find(inTenant<EnrichmentBatchDocument>(scope, {}), { projection: { ids: 1 } }).toArray();
        return batches.reduce((sum, batch) => sum + batch.ids.length, 0);
      }),
  };
}
