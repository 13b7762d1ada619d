/** Limits how many Graph requests are on the wire at once; waiters are served in arrival order. */
export interface Semaphore {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createSemaphore(max: number): Semaphore {
  if (!Number.isInteger(max) || max < 1)
    throw new RangeError(`maxConcurrency must be a positive integer, got ${max}`);
  let active = 0;
  const waiting: Array<() => void> = [];

  function release(): void {
    const next = waiting.shift();
    // The permit passes straight to the next waiter, so a newcomer cannot overtake it.
    if (next) next();
    else active -= 1;
  }

  return {
    async run(task) {
      if (active < max) active += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

/** First backoff step when Graph gives no Retry-After; doubles each attempt. */
const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/**
 * Milliseconds to wait before retry number `attempt` (1 for the first retry).
 * Graph's Retry-After (seconds, or an HTTP date) wins when present, as Microsoft's throttling guidance asks;
 * otherwise exponential backoff with "equal jitter" so a burst of throttled callers does not return in step.
 */
export function retryDelayMs(
  attempt: number,
  retryAfter: string | null,
  now: number,
  random: () => number,
): number {
  const told = parseRetryAfterMs(retryAfter, now);
  if (told !== null) return told;
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function parseRetryAfterMs(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
