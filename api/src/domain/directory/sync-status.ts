import type { DirectorySyncState, SyncRequestCounts } from './sync-state.js';

/** What an organizer (and the logs) see of the directory sync. */
export interface DirectorySyncStatus {
  state: 'idle' | 'full' | 'incremental' | 'enriching';
  pagesDone: number;
  peopleSeen: number;
  peopleTotal: number | null;
  /** Progress of the current phase, 0–100; null when it cannot be known (an incremental round's size). */
  percent: number | null;
  enrichmentPending: number;
  lastCompletedAt: Date | null;
  lastError: { message: string; at: Date } | null;
  graphRequests: SyncRequestCounts;
}

/**
 * Progress of the run, where it can be known. A full round's parts weigh roughly what they cost: reading the pages,
 * reading every profile (most of the requests), writing the people.
 */
function percentOf(state: DirectorySyncState, enrichmentPending: number): number | null {
  if (state.phase === 'idle') return state.lastCompletedAt ? 100 : null;
  const pages = Math.max(1, state.pagesDone);
  if (state.phase === 'pages')
    return state.kind === 'full' && state.peopleTotal
      ? Math.min(20, Math.floor((state.peopleSeen / state.peopleTotal) * 20))
      : null;
  if (state.phase === 'profiles') return 20 + Math.floor((state.pagesEnriched / pages) * 60);
  if (state.phase === 'publishing') return 80 + Math.floor((state.pagesPublished / pages) * 19);
  if (state.enrichmentTotal === 0) return 99;
  return Math.min(
    99,
    Math.floor((Math.max(0, state.enrichmentTotal - enrichmentPending) / state.enrichmentTotal) * 100),
  );
}

export function toSyncStatus(state: DirectorySyncState, enrichmentPending: number): DirectorySyncStatus {
  return {
    state:
      state.phase === 'idle'
        ? 'idle'
        : state.phase === 'enriching' || state.phase === 'profiles'
          ? 'enriching'
          : (state.kind ?? 'full'),
    pagesDone: state.pagesDone,
    peopleSeen: state.peopleSeen,
    peopleTotal: state.peopleTotal,
    percent: percentOf(state, enrichmentPending),
    enrichmentPending,
    lastCompletedAt: state.lastCompletedAt,
    lastError: state.lastError,
    graphRequests: { ...state.requests },
  };
}
