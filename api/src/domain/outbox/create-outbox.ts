import type { Clock, TenantScope } from '../shared/tenant-scope.js';
import { backoffMs, ClaimLostError, classifyFailure, shouldGiveUp } from './backoff.js';
import type { OutboxIntent, OutboxItem, OutboxStore } from './outbox.js';

/** What deliveries achieved, summed over a worker pass. */
export interface DeliveryReport {
  eventsCreated: number;
  attendeesSynced: number;
  mailsSent: number;
  /** Targets whose delivery failed and waits for a retry. */
  retried: number;
  /** Targets given up on. */
  failed: number;
}

/** The claim a handler works under. */
export interface Claim {
  /** Throws ClaimLostError once the claim has ended; handlers call it right before each Graph write. */
  assertHeld(): void;
}

/**
 * Delivers all open items of one target (they are passed oldest first) and reports what it did. It must be
 * idempotent: after a crash or a failure the same items come back. Throws when delivery failed.
 */
export type TargetHandler = (
  scope: TenantScope,
  target: string,
  items: OutboxItem[],
  claim: Claim,
) => Promise<Partial<DeliveryReport>>;

export interface OutboxLogger {
  warn(details: object, message: string): void;
}

export interface OutboxDeps {
  store: OutboxStore;
  clock: Clock;
  /** Names this process as a claim holder. */
  holderId: string;
  logger: OutboxLogger;
  /** Handlers by target prefix: `event` handles `event:{sessionId}`. */
  handlers: Record<string, TargetHandler>;
  random?: () => number;
  /** Calls `beat` every `everyMs` until the returned stop function is called; injectable for tests. */
  heartbeat?: (everyMs: number, beat: () => void) => () => void;
  claimTtlMs?: number;
  /** Where deliveries go, for log lines; 'Microsoft Graph' unless told. */
  destination?: string;
}

export interface Outbox {
  /** Records an intent under its idempotency key; 'duplicate' when the key was recorded before. */
  enqueue(
    scope: TenantScope,
    id: string,
    target: string,
    intent: OutboxIntent,
  ): Promise<'inserted' | 'duplicate'>;
  /**
   * Delivers the target's open items now unless another holder is at it (it will see them) or the target waits
   * for a retry. The first round is awaited; further rounds, for items that arrived meanwhile, run in background.
   * Never throws: what is not delivered stays for the worker.
   */
  deliverNow(scope: TenantScope, target: string): Promise<void>;
  /** The worker's pass: delivers due targets, up to `limit`. */
  processDue(limit: number): Promise<DeliveryReport>;
  /** Resolves when no background delivery of this process is running. */
  idle(): Promise<void>;
}

/**
 * A claim lives this long without renewal; its holder renews it every third of it while working, so a
 * crashed holder's targets are taken over within this time.
 */
const CLAIM_TTL_MS = 15_000;
/** Tries at an outbox write (an intent, a delivery) while the store answers with transient failures. */
const STORE_WRITE_ATTEMPTS = 3;
/** Rounds one holder drives a target for before leaving what keeps arriving to the worker. */
const MAX_ROUNDS = 20;
/** Targets delivered at once by a worker pass: concurrent Graph writes travel in one $batch of 20. */
const WORKER_CONCURRENCY = 20;
/** Delivered items are kept this long (for inspection), then removed. */
const KEEP_DONE_MS = 7 * 86_400_000;
/** Delivered items are looked for at most this often. */
const PURGE_EVERY_MS = 3_600_000;

type RoundOutcome = 'busy' | 'idle' | 'waiting' | 'delivered' | 'retrying';

function emptyReport(): DeliveryReport {
  return { eventsCreated: 0, attendeesSynced: 0, mailsSent: 0, retried: 0, failed: 0 };
}

function addTo(total: DeliveryReport, part: Partial<DeliveryReport>): void {
  for (const key of Object.keys(total) as Array<keyof DeliveryReport>) total[key] += part[key] ?? 0;
}

function defaultHeartbeat(everyMs: number, beat: () => void): () => void {
  const timer = setInterval(beat, everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}

/** Runs a store write up to STORE_WRITE_ATTEMPTS times while it fails transiently (SQLite busy, a failover). */
async function retryTransient<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= STORE_WRITE_ATTEMPTS || !classifyFailure(error).transient) throw error;
    }
  }
}

/** A target is due when none of its open items waits for a retry: new items do not cut a backoff short. */
function isDue(items: OutboxItem[], now: Date): boolean {
  return items.length > 0 && items.every((item) => item.nextAttemptAt <= now);
}

/**
 * The durable outbox: intents are recorded first, delivered at least once with exponential backoff that
 * honours Retry-After, and made idempotent by their handlers. Work on one target is serialized across
 * processes by a claim (an insert into a unique index), renewed while its holder works.
 */
export function createOutbox(deps: OutboxDeps): Outbox {
  const { store, clock } = deps;
  const ttlMs = deps.claimTtlMs ?? CLAIM_TTL_MS;
  const random = deps.random ?? Math.random;
  const heartbeat = deps.heartbeat ?? defaultHeartbeat;
  /** Per tenant: Graph said to come back later; the in-request path does not call it before then. */
  const pausedUntil = new Map<string, Date>();
  const background = new Set<Promise<unknown>>();
  let acquisitions = 0;
  let nextPurgeAt = new Date(0);

  function handlerFor(target: string): TargetHandler {
    const handler = deps.handlers[target.slice(0, target.indexOf(':'))];
    if (!handler) throw new TypeError(`no outbox handler for target ${target}`);
    return handler;
  }

  async function recordFailure(
    scope: TenantScope,
    target: string,
    items: OutboxItem[],
    error: unknown,
  ): Promise<RoundOutcome> {
    const now = clock.now();
    const failure = classifyFailure(error);
    const attempts = Math.max(...items.map((item) => item.attempts)) + 1;
    const giveUp = shouldGiveUp(attempts, failure);
    const delay = backoffMs(attempts, failure.retryAfterMs, random);
    if (failure.retryAfterMs !== null)
      pausedUntil.set(scope.tenantId, new Date(now.getTime() + failure.retryAfterMs));
    await store.update(
      scope,
      items.map((item) => item.id),
      {
        status: giveUp ? 'failed' : 'pending',
        attempts,
        nextAttemptAt: new Date(now.getTime() + delay),
        lastError: failure.message,
        updatedAt: now,
      },
    );
    deps.logger.warn(
      {
        tenantId: scope.tenantId,
        target,
        attempts,
        retryInMs: giveUp ? null : delay,
        err: { message: failure.message },
      },
      giveUp
        ? `outbox gave up delivering to ${deps.destination ?? 'Microsoft Graph'}`
        : 'outbox delivery failed; it will be retried',
    );
    return giveUp ? 'delivered' : 'retrying';
  }

  async function round(scope: TenantScope, target: string, report: DeliveryReport): Promise<RoundOutcome> {
    const paused = pausedUntil.get(scope.tenantId);
    if (paused && paused > clock.now()) return 'waiting';
    // One holder name per acquisition, so a late release of an ended claim cannot end a newer one of this process.
    const holder = `${deps.holderId}#${++acquisitions}`;
    if (!(await store.claim(scope, target, holder, ttlMs))) return 'busy';
    // Until when the claim surely lasts: moved on by each renewal the store confirms, ended by one it denies.
    let heldUntil = clock.now().getTime() + ttlMs;
    const stop = heartbeat(Math.floor(ttlMs / 3), () => {
      const renewedAt = clock.now().getTime();
      store.renewClaim(scope, target, holder, ttlMs).then(
        (renewed) => {
          heldUntil = renewed ? Math.max(heldUntil, renewedAt + ttlMs) : 0;
        },
        // Unanswered renewals are tried again at the next beat; meanwhile the claim runs out on its own.
        () => undefined,
      );
    });
    const claim: Claim = {
      assertHeld() {
        // A write needs some of the claim left to start in: it keeps the claim only while renewals succeed.
        if (clock.now().getTime() >= heldUntil - ttlMs / 3) throw new ClaimLostError(target);
      },
    };
    try {
      const items = await store.listOpenByTarget(scope, target);
      if (items.length === 0) return 'idle';
      if (!isDue(items, clock.now())) return 'waiting';
      let part: Partial<DeliveryReport>;
      try {
        part = await handlerFor(target)(scope, target, items, claim);
      } catch (error) {
        const outcome = await recordFailure(scope, target, items, error);
        report[outcome === 'retrying' ? 'retried' : 'failed'] += 1;
        return outcome;
      }
      // Written at once, and tried again while the store is briefly busy: an item left open is delivered again,
      // which for a mail means a second copy.
      await retryTransient(() =>
        store.update(
          scope,
          items.map((item) => item.id),
          { status: 'done', lastError: null, updatedAt: clock.now() },
        ),
      );
      addTo(report, part);
      return 'delivered';
    } finally {
      stop();
      await store.releaseClaim(scope, target, holder);
    }
  }

  /** Rounds until nothing due is left. Whoever enqueued while we held the claim found it taken and left its item to us. */
  async function drive(
    scope: TenantScope,
    target: string,
    rounds: number,
    report: DeliveryReport,
  ): Promise<void> {
    for (let done = 0; done < rounds; done++) {
      if ((await round(scope, target, report)) !== 'delivered') return;
      if (!isDue(await store.listOpenByTarget(scope, target), clock.now())) return;
    }
  }

  function inBackground(work: Promise<unknown>): void {
    background.add(work);
    void work.finally(() => background.delete(work));
  }

  function logFailure(scope: TenantScope, target: string) {
    return (error: unknown) => {
      deps.logger.warn(
        {
          tenantId: scope.tenantId,
          target,
          err: { message: error instanceof Error ? error.message : String(error) },
        },
        'outbox delivery did not run; the worker will retry',
      );
    };
  }

  return {
    async enqueue(scope, id, target, intent) {
      const now = clock.now();
      const item: OutboxItem = {
        id,
        tenantId: scope.tenantId,
        target,
        intent,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        createdAt: now,
        updatedAt: now,
      };
      // The caller's change is already stored: a store that is busy for a moment should not fail its request.
      // The insert is idempotent by key, so trying it again is safe.
      return retryTransient(() => store.insert(item));
    },

    async deliverNow(scope, target) {
      try {
        const report = emptyReport();
        if ((await round(scope, target, report)) !== 'delivered') return;
        if (!isDue(await store.listOpenByTarget(scope, target), clock.now())) return;
        inBackground(drive(scope, target, MAX_ROUNDS - 1, report).catch(logFailure(scope, target)));
      } catch (error) {
        logFailure(scope, target)(error);
      }
    },

    async processDue(limit) {
      const report = emptyReport();
      const now = clock.now();
      const due = await store.listDueTargets(now, limit);
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < due.length) {
          const { tenantId, target } = due[next++]!;
          await drive({ tenantId }, target, MAX_ROUNDS, report).catch(logFailure({ tenantId }, target));
        }
      };
      await Promise.all(Array.from({ length: Math.min(WORKER_CONCURRENCY, due.length) }, lane));
      if (now >= nextPurgeAt) {
        await store.purgeDone(new Date(now.getTime() - KEEP_DONE_MS), limit);
        nextPurgeAt = new Date(now.getTime() + PURGE_EVERY_MS);
      }
      return report;
    },

    async idle() {
      while (background.size > 0) await Promise.allSettled([...background]);
    },
  };
}
