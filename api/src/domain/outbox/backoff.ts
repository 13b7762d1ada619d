import { CampusError } from '../../errors.js';

/** The first outbox retry waits this long, doubling each time; Graph's Retry-After wins when it is longer. */
const FIRST_BACKOFF_MS = 10_000;
const MAX_BACKOFF_MS = 15 * 60_000;
/** Refusals (Graph's 4xx other than 429) may be fixed by an administrator (consent, licence): retried a few times only. */
export const MAX_REFUSED_ATTEMPTS = 5;
/** About ten hours of a Graph outage at the longest backoff. */
export const MAX_ATTEMPTS = 50;

/** Why a delivery failed, as the outbox needs it. */
export interface FailureKind {
  /** Worth retrying: anything but Graph refusing the request. */
  transient: boolean;
  /** How long Graph asked us to wait, when it said. */
  retryAfterMs: number | null;
  /** Trying again cannot succeed (e.g. Teams: the bot was removed): given up on at once. */
  permanent?: boolean;
  message: string;
}

/** A claim that ended while its holder worked (its process stalled past the claim's time to live). */
export class ClaimLostError extends Error {
  constructor(target: string) {
    super(`the outbox claim on ${target} ended before delivery finished`);
    this.name = 'ClaimLostError';
  }
}

/**
 * A refusal is Graph answering 4xx other than 429 (the adapters' GraphRequestError carries `status`): the same
 * request will most likely be refused again. Everything else — Graph or the store unavailable or overloaded, a
 * claim lost, a connection reset — is worth retrying. An error may say `permanent: true` (nothing to retry) and
 * carry `retryAfterMs` itself (the bot's ProactiveSendError does both); a CampusError carries it in its details.
 */
export function classifyFailure(error: unknown): FailureKind {
  const message = error instanceof Error ? error.message : String(error);
  const fields =
    typeof error === 'object' && error !== null
      ? (error as { status?: unknown; permanent?: unknown; retryAfterMs?: unknown })
      : {};
  if (fields.permanent === true) return { transient: false, retryAfterMs: null, permanent: true, message };
  const status = fields.status;
  if (typeof status === 'number' && status >= 400 && status < 500 && status !== 429) {
    return { transient: false, retryAfterMs: null, message };
  }
  const retryAfterMs =
    error instanceof CampusError ? error.details?.retryAfterMs : (fields.retryAfterMs ?? undefined);
  return { transient: true, retryAfterMs: typeof retryAfterMs === 'number' ? retryAfterMs : null, message };
}

/**
 * Milliseconds to wait after failed attempt number `attempts` (1 = the first failure).
 * The first failure is usually the in-request attempt, which the Graph gateway already retried for a few
 * seconds: the worker's next pass tries again. Then exponential backoff with equal jitter, so outboxes of
 * several processes do not come back in step; Retry-After is honoured when it asks for longer.
 */
export function backoffMs(attempts: number, retryAfterMs: number | null, random: () => number): number {
  const told = retryAfterMs ?? 0;
  if (attempts <= 1) return told;
  const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (attempts - 2));
  return Math.max(told, Math.round(ceiling / 2 + (random() * ceiling) / 2));
}

/** Whether to give up on an item after this failure. */
export function shouldGiveUp(attempts: number, failure: FailureKind): boolean {
  if (failure.permanent === true) return true;
  return failure.transient ? attempts >= MAX_ATTEMPTS : attempts >= MAX_REFUSED_ATTEMPTS;
}
