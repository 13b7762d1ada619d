import type { LeaseStore } from '../registrations/registration.js';
import type { Clock, IdGenerator, TenantScope } from '../shared/tenant-scope.js';
import type { DirectoryStore } from './directory-person.js';
import type { DirectorySource } from './directory-source.js';
import { initialSyncState, type DirectorySyncState, type SyncStateStore } from './sync-state.js';
import { toSyncStatus, type DirectorySyncStatus } from './sync-status.js';
import { publishNext, readStagedProfiles } from './full-round.js';
import {
  completeRun,
  enrichNext,
  readPage,
  startRound,
  type RunMemory,
  type SyncStepDeps,
} from './sync-steps.js';

export interface DirectorySyncLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface DirectorySyncOptions {
  /** How long a lease holds if its holder dies; any single step (one page, one enrichment chunk) is far shorter. */
  leaseTtlMs: number;
  /** After this long a run gives its lease back and takes a new one, so a lease never outlives its TTL. */
  leaseTurnMs: number;
  /** A progress line is logged every this many pages. */
  logEveryPages: number;
  /** People whose profiles one enrichment step reads and writes (two requests each, twenty to a $batch). */
  enrichmentChunk: number;
}

export interface DirectorySyncDeps {
  directory: DirectoryStore;
  syncStates: SyncStateStore;
  source: DirectorySource;
  leases: LeaseStore;
  clock: Clock;
  ids: IdGenerator;
  /** Names this process; each lease acquisition adds a fresh id to it. */
  holderId: string;
  logger: DirectorySyncLogger;
  options?: Partial<DirectorySyncOptions>;
}

/** completed: the directory is current; busy: another process holds the tenant's sync; stopped: stop() was called; handed-over: another process took over at a lease turn. */
export type SyncOutcome = 'completed' | 'busy' | 'stopped' | 'handed-over';

/** The directory sync of the tenants this process serves: one run per tenant at a time, across processes. */
export interface DirectorySync {
  /**
   * Runs until the directory is current: resumes an unfinished run, else an incremental round (full the first time,
   * after a refused delta link, or when asked). Called while a run is under way, it answers the outcome of one
   * follow-up run after it.
   */
  run(scope: TenantScope, options?: { full?: boolean }): Promise<SyncOutcome>;
  /** Starts run() in the background (failures are logged and recorded in the status); resolves once it has begun or found the sync busy. */
  start(scope: TenantScope, options?: { full?: boolean }): Promise<void>;
  status(scope: TenantScope): Promise<DirectorySyncStatus>;
  /** Lets running syncs finish their current step, then waits for them; later runs do nothing. */
  stop(): Promise<void>;
}

interface Flight {
  done: Promise<SyncOutcome>;
  begun: Promise<void>;
  /** The kind of round the run is in, once it has begun (a full one when asked for). */
  kind: 'full' | 'incremental' | null;
  followUp: { full: boolean; done: Promise<SyncOutcome> } | null;
}

const DEFAULTS: DirectorySyncOptions = {
  leaseTtlMs: 10 * 60_000,
  leaseTurnMs: 2 * 60_000,
  logEveryPages: 10,
  enrichmentChunk: 100,
};

export function createDirectorySync(deps: DirectorySyncDeps): DirectorySync {
  const options = { ...DEFAULTS, ...deps.options };
  const steps: SyncStepDeps = {
    ...deps,
    now: () => deps.clock.now(),
    logEveryPages: options.logEveryPages,
    enrichmentChunk: options.enrichmentChunk,
  };
  const flights = new Map<string, Flight>();
  let stopping = false;

  const loadState = async (scope: TenantScope): Promise<DirectorySyncState> =>
    (await deps.syncStates.find(scope)) ?? initialSyncState(scope);
  const newHolder = () => `${deps.holderId}:${deps.ids.newId()}`;
  const elapsedSince = (at: number) => deps.clock.now().getTime() - at;

  async function execute(
    scope: TenantScope,
    full: boolean,
    begin: (kind: 'full' | 'incremental' | null) => void,
  ): Promise<SyncOutcome> {
    const key = `directory-sync:${scope.tenantId}`;
    let holder = newHolder();
    if (!(await deps.leases.tryAcquire(key, holder, options.leaseTtlMs))) return 'busy';
    let heldSince = deps.clock.now().getTime();
    let state = initialSyncState(scope);
    try {
      state = await loadState(scope);
      if (state.phase === 'idle')
        state = await startRound(steps, scope, state, full || !state.deltaLink ? 'full' : 'incremental');
      begin(state.kind);
      const memory: RunMemory = { chains: null, enrichUntil: null };
      for (let step = 1; ; step += 1) {
        if (stopping) return 'stopped';
        if (elapsedSince(heldSince) >= options.leaseTurnMs) {
          await deps.leases.release(key, holder);
          holder = newHolder();
          if (!(await deps.leases.tryAcquire(key, holder, options.leaseTtlMs))) return 'handed-over';
          heldSince = deps.clock.now().getTime();
          state = await loadState(scope);
        }
        if (state.phase === 'pages') state = await readPage(steps, scope, state);
        else if (state.phase === 'profiles') state = await readStagedProfiles(steps, scope, state);
        else if (state.phase === 'publishing') state = await publishNext(steps, scope, state, memory);
        else if (state.phase === 'enriching') {
          const enriched = await enrichNext(steps, scope, state, memory);
          if (!enriched) {
            await completeRun(steps, scope, state);
            return 'completed';
          }
          state = enriched;
          if (step % options.logEveryPages === 0) {
            deps.logger.info(
              {
                tenantId: scope.tenantId,
                enrichmentHead: state.enrichmentHead,
                enrichmentTail: state.enrichmentTail,
                graphRequests: state.requests,
              },
              'directory sync: enriching profiles',
            );
          }
        } else return 'completed';
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await deps.syncStates
        .save({ ...state, lastError: { message, at: deps.clock.now() } })
        .catch((saveError: unknown) => {
          deps.logger.warn(
            { tenantId: scope.tenantId, err: saveError },
            'directory sync: could not record the failure',
          );
        });
      throw error;
    } finally {
      await deps.leases.release(key, holder).catch((releaseError: unknown) => {
        deps.logger.warn(
          { tenantId: scope.tenantId, err: releaseError },
          'directory sync: could not release the lease; it expires by itself',
        );
      });
    }
  }

  /**
   * One run per tenant in this process. A request while one is under way is not lost: it gets one follow-up run
   * after it (shared by everyone who asks meanwhile), which reads what changed since.
   */
  function launch(scope: TenantScope, full: boolean): Flight {
    const existing = flights.get(scope.tenantId);
    if (existing) {
      // A full round under way already reads everyone; what changes meanwhile, an incremental follow-up reads.
      const next = (): Promise<SyncOutcome> => launch(scope, followUp.full && existing.kind !== 'full').done;
      const followUp: NonNullable<Flight['followUp']> = (existing.followUp ??= {
        full: false,
        done: existing.done.then(next, next),
      });
      followUp.full ||= full;
      return { done: followUp.done, begun: existing.begun, kind: existing.kind, followUp: null };
    }
    if (stopping)
      return { done: Promise.resolve('stopped'), begun: Promise.resolve(), kind: null, followUp: null };
    let begin = () => undefined as void;
    const begun = new Promise<void>((resolve) => {
      begin = resolve;
    });
    const flight: Flight = {
      done: Promise.resolve('completed'),
      begun,
      kind: full ? 'full' : null,
      followUp: null,
    };
    flight.done = execute(scope, full, (kind) => {
      flight.kind = kind;
      begin();
    }).finally(() => {
      begin();
      flights.delete(scope.tenantId);
    });
    flights.set(scope.tenantId, flight);
    return flight;
  }

  return {
    run: (scope, runOptions) => launch(scope, runOptions?.full ?? false).done,
    async start(scope, runOptions) {
      const flight = launch(scope, runOptions?.full ?? false);
      flight.done.catch((error: unknown) => {
        deps.logger.warn(
          { tenantId: scope.tenantId, err: error },
          'directory sync failed; the next run resumes where it stopped',
        );
      });
      await flight.begun;
    },
    async status(scope) {
      const [state, pending] = await Promise.all([loadState(scope), deps.syncStates.countEnrichment(scope)]);
      return toSyncStatus(state, pending);
    },
    async stop() {
      stopping = true;
      await Promise.allSettled([...flights.values()].map((flight) => flight.done));
    },
  };
}
