import { createError } from '../../errors.js';
import type { TenantScope } from '../shared/tenant-scope.js';
import type { DirectoryProfile, DirectoryWrite } from './directory-person.js';
import { computeManagerChains } from './manager-chains.js';
import type { DirectorySyncState, StagedPage } from './sync-state.js';
import { enqueue, progressOf, type RunMemory, type SyncStepDeps } from './sync-steps.js';

/**
 * A full round writes each person once, with their manager chain and profile: pages are staged as they are read,
 * profiles are read per staged page, and only then are people written. Updating people one by one afterwards would
 * cost a store write per person per pass (FerretDB, the local store, applies each update on its own).
 */

async function stagedPage(deps: SyncStepDeps, scope: TenantScope, pageNo: number): Promise<StagedPage> {
  const page = await deps.syncStates.findStagedPage(scope, pageNo);
  if (!page) throw createError('CAMPUS_ERR_INTERNAL', `directory sync: staged page ${pageNo} is missing`);
  return page;
}

/** Reads the profiles of the people of the next staged page, and keeps them with the page. */
export async function readStagedProfiles(
  deps: SyncStepDeps,
  scope: TenantScope,
  state: DirectorySyncState,
): Promise<DirectorySyncState> {
  if (state.pagesEnriched >= state.pagesDone) {
    const next: DirectorySyncState = { ...state, phase: 'publishing' };
    await deps.syncStates.save(next);
    return next;
  }
  const page = await stagedPage(deps, scope, state.pagesEnriched);
  const ids = page.changes.map((change) => change.id);
  const profiles: { read: DirectoryProfile[]; unread: string[] } = { read: [], unread: [] };
  const requests = { ...state.requests };
  // A slice at a time, so interactive Graph calls of the same process never queue behind a whole page of batches.
  for (let start = 0; start < ids.length; start += deps.enrichmentChunk) {
    const read = await deps.source.readProfiles(scope, ids.slice(start, start + deps.enrichmentChunk));
    profiles.read.push(...read.profiles);
    profiles.unread.push(...read.failed);
    requests.enrichmentBatches += read.batches;
    requests.enrichmentRequests += read.requests;
  }
  await deps.syncStates.stagePage(scope, state.pagesEnriched, { ...page, profiles });
  const next: DirectorySyncState = { ...state, requests, pagesEnriched: state.pagesEnriched + 1 };
  await deps.syncStates.save(next);
  if (profiles.unread.length > 0)
    deps.logger.warn(
      { tenantId: scope.tenantId, unread: profiles.unread.length },
      'directory sync: some profiles could not be read; they are queued for later',
    );
  if (next.pagesEnriched % deps.logEveryPages === 0)
    deps.logger.info(
      progressOf(next),
      `directory sync: profiles of ${next.pagesEnriched} of ${next.pagesDone} pages read`,
    );
  return next;
}

/** The manager chain of everyone in the staged round, from the managers the pages reported. */
async function chainsOfRound(
  deps: SyncStepDeps,
  scope: TenantScope,
  pages: number,
): Promise<Map<string, string[]>> {
  const managerOf = new Map<string, string | null>();
  for (let pageNo = 0; pageNo < pages; pageNo += 1) {
    for (const change of (await stagedPage(deps, scope, pageNo)).changes)
      managerOf.set(change.id, change.managerId ?? null);
  }
  return computeManagerChains(managerOf, managerOf.keys());
}

function writesOf(page: StagedPage, chains: Map<string, string[]>): DirectoryWrite[] {
  const profiles = new Map((page.profiles?.read ?? []).map((profile) => [profile.id, profile]));
  return page.changes.map((change) => {
    const profile = profiles.get(change.id);
    const write: DirectoryWrite = { ...change, managerChain: chains.get(change.id) ?? [] };
    return profile
      ? {
          ...write,
          skills: profile.skills,
          responsibilities: profile.responsibilities,
          aboutMe: profile.aboutMe,
          timeZone: profile.timeZone,
        }
      : write;
  });
}

/**
 * Writes the next staged page's people with their chains and profiles, and queues those whose profile could not
 * be read. After the last page, people the round did not report are marked deleted and the staging is cleared.
 */
export async function publishNext(
  deps: SyncStepDeps,
  scope: TenantScope,
  state: DirectorySyncState,
  memory: RunMemory,
): Promise<DirectorySyncState> {
  memory.chains ??= await chainsOfRound(deps, scope, state.pagesDone);
  if (state.pagesPublished < state.pagesDone) {
    const page = await stagedPage(deps, scope, state.pagesPublished);
    const now = deps.now();
    await deps.directory.upsertMany(scope, writesOf(page, memory.chains), now);
    if (page.removedIds.length > 0) await deps.directory.markDeleted(scope, page.removedIds, now);
    const next: DirectorySyncState = {
      ...state,
      pagesPublished: state.pagesPublished + 1,
      enrichmentTail: await enqueue(deps, scope, state, page.profiles?.unread ?? []),
    };
    await deps.syncStates.save(next);
    if (next.pagesPublished % deps.logEveryPages === 0)
      deps.logger.info(
        progressOf(next),
        `directory sync: ${next.pagesPublished} of ${next.pagesDone} pages written`,
      );
    return next;
  }
  // Before the first round completes there is no earlier directory to retire people from.
  const retired =
    state.lastCompletedAt && state.runStartedAt
      ? await deps.directory.markDeletedUnlessSyncedSince(scope, state.runStartedAt)
      : 0;
  await deps.syncStates.clearStagedPages(scope, state.pagesStaged);
  memory.chains = null;
  const next: DirectorySyncState = {
    ...state,
    phase: 'enriching',
    pagesStaged: 0,
    enrichmentTotal: await deps.syncStates.countEnrichment(scope),
  };
  await deps.syncStates.save(next);
  deps.logger.info(
    { ...progressOf(next), retired },
    'directory sync: full round written with manager chains and profiles',
  );
  return next;
}
