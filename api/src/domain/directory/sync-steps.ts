import type { TenantScope } from '../shared/tenant-scope.js';
import { organizationFields, type DirectoryChange, type DirectoryStore } from './directory-person.js';
import type { DirectorySource } from './directory-source.js';
import { refreshChainsBelow } from './manager-chains.js';
import type { DirectorySyncState, SyncRequestCounts, SyncStateStore } from './sync-state.js';

/** What each step of a sync works with. */
export interface SyncStepDeps {
  directory: DirectoryStore;
  syncStates: SyncStateStore;
  source: DirectorySource;
  now(): Date;
  logger: { info(details: object, message: string): void; warn(details: object, message: string): void };
  logEveryPages: number;
  enrichmentChunk: number;
}

/** What one run keeps between its steps; a run that resumes another's work rebuilds it from the store. */
export interface RunMemory {
  /** Manager chains of the full round being published. */
  chains: Map<string, string[]> | null;
  /** This run enriches the batches queued before its enrichment began; what fails now waits for the next run. */
  enrichUntil: number | null;
}

const NULLABLE_FIELDS = ['givenName', 'surname', 'mail', ...organizationFields, 'managerId'] as const;

/** On a full round Graph leaves out null properties and the manager of those who have none: they are null. */
function completeChange(change: DirectoryChange): DirectoryChange {
  const complete: DirectoryChange = { ...change };
  for (const field of NULLABLE_FIELDS) if (complete[field] === undefined) complete[field] = null;
  return complete;
}

export function progressOf(state: DirectorySyncState): object {
  const { tenantId, kind, pagesDone, peopleSeen, peopleTotal, pagesEnriched, pagesPublished, requests } =
    state;
  return {
    tenantId,
    kind,
    pagesDone,
    peopleSeen,
    peopleTotal,
    pagesEnriched,
    pagesPublished,
    graphRequests: requests,
  };
}

/**
 * A new round: full (every person, from the first page) or incremental (from the stored delta link). Request counts
 * start from zero with each run; a full round that replaces a refused incremental one carries them on.
 */
export async function startRound(
  deps: SyncStepDeps,
  scope: TenantScope,
  state: DirectorySyncState,
  kind: 'full' | 'incremental',
  requestsSoFar: SyncRequestCounts = { delta: 0, count: 0, enrichmentBatches: 0, enrichmentRequests: 0 },
): Promise<DirectorySyncState> {
  const requests = { ...requestsSoFar };
  let peopleTotal: number | null = null;
  if (kind === 'full') {
    try {
      requests.count += 1;
      peopleTotal = await deps.source.countPeople(scope);
    } catch (error) {
      // The count only feeds the percentage: the sync goes on without it.
      deps.logger.warn(
        { tenantId: scope.tenantId, err: error },
        "directory sync: could not count the tenant's people; progress has no percentage",
      );
    }
  }
  const next: DirectorySyncState = {
    ...state,
    phase: 'pages',
    kind,
    nextLink: kind === 'full' ? null : state.deltaLink,
    runStartedAt: deps.now(),
    pagesDone: 0,
    peopleSeen: 0,
    peopleTotal,
    pagesEnriched: 0,
    pagesPublished: 0,
    enrichmentTotal: 0,
    requests,
  };
  await deps.syncStates.save(next);
  deps.logger.info({ tenantId: scope.tenantId, kind, peopleTotal }, `directory sync: ${kind} round started`);
  return next;
}

/** Adds a batch to the enrichment queue; answers the new tail. */
export async function enqueue(
  deps: SyncStepDeps,
  scope: TenantScope,
  state: DirectorySyncState,
  ids: string[],
): Promise<number> {
  if (ids.length === 0) return state.enrichmentTail;
  await deps.syncStates.setEnrichmentBatch(scope, state.enrichmentTail, ids);
  return state.enrichmentTail + 1;
}

/**
 * Reads the next delta page and stores it (staged on a full round, written through on an incremental one), then
 * stores where to continue: a crash between the two reads the same page again, whose writes are idempotent.
 * A link Graph refuses starts a full round.
 */
export async function readPage(
  deps: SyncStepDeps,
  scope: TenantScope,
  state: DirectorySyncState,
): Promise<DirectorySyncState> {
  const page = await deps.source.readDeltaPage(scope, state.nextLink);
  const requests = { ...state.requests, delta: state.requests.delta + 1 };
  if (page.kind === 'resync-required') {
    deps.logger.warn(
      { tenantId: scope.tenantId, reason: page.reason },
      'directory sync: Microsoft Graph refused the delta link; starting a full round',
    );
    return startRound(deps, scope, state, 'full', requests);
  }
  let next: DirectorySyncState = {
    ...state,
    requests,
    pagesDone: state.pagesDone + 1,
    peopleSeen: state.peopleSeen + page.changes.length + page.removedIds.length,
    nextLink: page.nextLink,
  };
  if (state.kind === 'full') {
    await deps.syncStates.stagePage(scope, state.pagesDone, {
      changes: page.changes.map(completeChange),
      removedIds: page.removedIds,
    });
    next.pagesStaged = Math.max(state.pagesStaged, next.pagesDone);
  } else {
    const now = deps.now();
    await deps.directory.upsertMany(scope, page.changes, now);
    if (page.removedIds.length > 0) await deps.directory.markDeleted(scope, page.removedIds, now);
    await refreshChainsBelow(
      deps.directory,
      scope,
      page.changes.filter((change) => change.managerId !== undefined).map((change) => change.id),
    );
    next.enrichmentTail = await enqueue(
      deps,
      scope,
      state,
      page.changes.map((change) => change.id),
    );
  }
  if (page.nextLink === null) {
    next = { ...next, deltaLink: page.deltaLink, phase: state.kind === 'full' ? 'profiles' : 'enriching' };
    if (next.phase === 'enriching') next.enrichmentTotal = await deps.syncStates.countEnrichment(scope);
  }
  await deps.syncStates.save(next);
  if (next.pagesDone % deps.logEveryPages === 0 || page.nextLink === null)
    deps.logger.info(progressOf(next), `directory sync: ${next.pagesDone} pages read`);
  return next;
}

/**
 * Reads the profiles of the next queued people and writes them. Those Graph could not answer for now are queued
 * again after this run's share; those it no longer knows are dropped. Answers null when this run's share is done.
 */
export async function enrichNext(
  deps: SyncStepDeps,
  scope: TenantScope,
  state: DirectorySyncState,
  memory: RunMemory,
): Promise<DirectorySyncState | null> {
  memory.enrichUntil ??= state.enrichmentTail;
  const seq = state.enrichmentHead;
  if (seq >= memory.enrichUntil) return null;
  const ids = (await deps.syncStates.findEnrichmentBatch(scope, seq)) ?? [];
  const slice = ids.slice(0, deps.enrichmentChunk);
  let next: DirectorySyncState = state;
  if (slice.length > 0) {
    const read = await deps.source.readProfiles(scope, slice);
    await deps.directory.setProfiles(scope, read.profiles);
    const { enrichmentBatches, enrichmentRequests } = state.requests;
    next = {
      ...state,
      requests: {
        ...state.requests,
        enrichmentBatches: enrichmentBatches + read.batches,
        enrichmentRequests: enrichmentRequests + read.requests,
      },
    };
    if (read.failed.length > 0) {
      deps.logger.warn(
        { tenantId: scope.tenantId, failed: read.failed.length },
        'directory sync: some profiles could not be read; they are queued for the next run',
      );
      next.enrichmentTail = await enqueue(deps, scope, next, read.failed);
      // The retry batch is recorded before the batch shrinks: a crash in between reads these people again, never skips them.
      await deps.syncStates.save(next);
    }
  }
  const rest = ids.slice(slice.length);
  await deps.syncStates.setEnrichmentBatch(scope, seq, rest);
  next = { ...next, enrichmentHead: rest.length > 0 ? seq : seq + 1 };
  await deps.syncStates.save(next);
  return next;
}

/** The run is over: idle until the next round, which starts from the stored delta link. */
export async function completeRun(
  deps: SyncStepDeps,
  scope: TenantScope,
  state: DirectorySyncState,
): Promise<DirectorySyncState> {
  const now = deps.now();
  const next: DirectorySyncState = {
    ...state,
    phase: 'idle',
    nextLink: null,
    lastCompletedAt: now,
    lastError: null,
  };
  await deps.syncStates.save(next);
  const enrichmentPending = await deps.syncStates.countEnrichment(scope);
  const durationMs = state.runStartedAt ? now.getTime() - state.runStartedAt.getTime() : null;
  deps.logger.info(
    { ...progressOf(next), enrichmentPending, durationMs },
    `directory sync: ${state.kind ?? 'full'} run completed`,
  );
  return next;
}
