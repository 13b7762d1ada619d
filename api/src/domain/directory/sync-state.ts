import type { TenantScope } from '../shared/tenant-scope.js';
import type { DirectoryChange, DirectoryProfile } from './directory-person.js';

/**
 * Where a tenant's sync stands. `pages`: reading delta pages from `nextLink` (null = the first request of a full
 * round). A full round stages its pages, then `profiles`: reads the profiles of each staged page's people, then
 * `publishing`: writes the people with their manager chains and profiles, one staged page at a time. An incremental
 * round writes its pages through. `enriching`: reading profiles of queued people (an incremental round's changes,
 * and those a full round could not read). `idle`: nothing to do until the next round starts from `deltaLink`.
 */
export type SyncPhase = 'idle' | 'pages' | 'profiles' | 'publishing' | 'enriching';

/** Graph requests of the current (or last) run, by purpose; enrichment is counted apart from the delta pages. */
export interface SyncRequestCounts {
  /** GET /users/delta pages (retries of one page are not counted again). */
  delta: number;
  /** GET /users/$count. */
  count: number;
  /** POST /$batch envelopes sent for profile enrichment. */
  enrichmentBatches: number;
  /** Requests inside those envelopes (two per person: profile and mailbox time zone). */
  enrichmentRequests: number;
}

/** The stored sync state of one tenant: enough to resume after a crash at any point. */
export interface DirectorySyncState {
  tenantId: string;
  phase: SyncPhase;
  /** The kind of round in progress, or of the last one when idle. */
  kind: 'full' | 'incremental' | null;
  /** The next delta page to read while in `pages`; null before the first request of a full round. */
  nextLink: string | null;
  /** Where the next incremental round starts; null until a full round has completed. */
  deltaLink: string | null;
  /** When the current run began; a full round marks people it did not see since then as deleted. */
  runStartedAt: Date | null;
  pagesDone: number;
  peopleSeen: number;
  /** People in the tenant per GET /users/$count, when Graph answered it. */
  peopleTotal: number | null;
  /** Staged pages of the full round whose people's profiles have been read. */
  pagesEnriched: number;
  /** Staged pages of the full round written to the directory so far. */
  pagesPublished: number;
  /** Staged page numbers in use, also by an abandoned round (they are cleared together). */
  pagesStaged: number;
  /** The enrichment queue: batches numbered from `enrichmentHead` (next to read) to `enrichmentTail` (next to add). */
  enrichmentHead: number;
  enrichmentTail: number;
  /** People queued for enrichment when the enrichment of this run began (for its percentage). */
  enrichmentTotal: number;
  requests: SyncRequestCounts;
  lastCompletedAt: Date | null;
  lastError: { message: string; at: Date } | null;
}

/** A fresh state: never synced, the next run is a full round. */
export function initialSyncState(scope: TenantScope): DirectorySyncState {
  return {
    tenantId: scope.tenantId,
    phase: 'idle',
    kind: null,
    nextLink: null,
    deltaLink: null,
    runStartedAt: null,
    pagesDone: 0,
    peopleSeen: 0,
    peopleTotal: null,
    pagesEnriched: 0,
    pagesPublished: 0,
    pagesStaged: 0,
    enrichmentHead: 0,
    enrichmentTail: 0,
    enrichmentTotal: 0,
    requests: { delta: 0, count: 0, enrichmentBatches: 0, enrichmentRequests: 0 },
    lastCompletedAt: null,
    lastError: null,
  };
}

/** One delta page of a full round, kept until its people are written with their manager chains and profiles. */
export interface StagedPage {
  changes: DirectoryChange[];
  removedIds: string[];
  /** Once read: the profiles of the page's people; those Graph could not answer for now are `unread`. */
  profiles?: { read: DirectoryProfile[]; unread: string[] };
}

/**
 * The sync state, the staged pages of a full round, and the enrichment queue (numbered batches of person ids).
 * Everything is read and written by number, never searched: the sync's cost stays flat as the directory grows.
 */
export interface SyncStateStore {
  find(scope: TenantScope): Promise<DirectorySyncState | null>;
  save(state: DirectorySyncState): Promise<void>;
  /** Writes (or overwrites) staged page `pageNo`. */
  stagePage(scope: TenantScope, pageNo: number, page: StagedPage): Promise<void>;
  findStagedPage(scope: TenantScope, pageNo: number): Promise<StagedPage | null>;
  /** Removes staged pages 0 to count - 1. */
  clearStagedPages(scope: TenantScope, count: number): Promise<void>;
  /** Writes enrichment batch `seq`; an empty list removes it. */
  setEnrichmentBatch(scope: TenantScope, seq: number, ids: string[]): Promise<void>;
  findEnrichmentBatch(scope: TenantScope, seq: number): Promise<string[] | null>;
  /** People waiting in the tenant's queue (a person queued twice counts twice). */
  countEnrichment(scope: TenantScope): Promise<number>;
}
