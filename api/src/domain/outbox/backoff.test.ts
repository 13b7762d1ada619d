import { describe, expect, it } from 'vitest';
import { createError } from '../../errors.js';
import {
  backoffMs,
  ClaimLostError,
  classifyFailure,
  MAX_ATTEMPTS,
  MAX_REFUSED_ATTEMPTS,
  shouldGiveUp,
} from './backoff.js';

const refusal = (status: number) => Object.assign(new Error(`Graph answered ${status}`), { status });

describe('outbox backoff', () => {
  it('retries the first failure at the next pass, then doubles from 10 s up to 15 min, with jitter in the upper half', () => {
    expect(backoffMs(1, null, () => 0)).toBe(0);
    expect([2, 3, 4].map((attempts) => backoffMs(attempts, null, () => 0))).toEqual([5_000, 10_000, 20_000]);
    expect([2, 3, 4].map((attempts) => backoffMs(attempts, null, () => 1))).toEqual([10_000, 20_000, 40_000]);
    expect(backoffMs(30, null, () => 1)).toBe(15 * 60_000);
  });

  it('waits at least as long as Graph asked', () => {
    expect(backoffMs(1, 30_000, () => 0)).toBe(30_000);
    expect(backoffMs(3, 60_000, () => 0)).toBe(60_000);
    expect(backoffMs(3, 1_000, () => 0)).toBe(10_000);
  });

  it("treats Graph's 4xx refusals as refusals, and unavailability, throttling, store trouble and lost claims as transient", () => {
    expect(classifyFailure(refusal(403))).toMatchObject({ transient: false, retryAfterMs: null });
    expect(classifyFailure(refusal(404))).toMatchObject({ transient: false });
    expect(classifyFailure(refusal(429))).toMatchObject({ transient: true });
    expect(
      classifyFailure(
        createError('CAMPUS_ERR_GRAPH_UNAVAILABLE', 'down', { details: { retryAfterMs: 2_000 } }),
      ),
    ).toEqual({
      transient: true,
      retryAfterMs: 2_000,
      message: 'down',
    });
    expect(
      classifyFailure(createError('CAMPUS_ERR_INTERNAL', 'The data store rejected the operation')),
    ).toMatchObject({ transient: true });
    expect(classifyFailure(new ClaimLostError('event:s1'))).toMatchObject({ transient: true });
  });

  it('gives up on refusals after a few attempts and on transient failures after many', () => {
    const transient = classifyFailure(createError('CAMPUS_ERR_GRAPH_UNAVAILABLE', 'down'));
    const refused = classifyFailure(refusal(400));
    expect(shouldGiveUp(MAX_REFUSED_ATTEMPTS - 1, refused)).toBe(false);
    expect(shouldGiveUp(MAX_REFUSED_ATTEMPTS, refused)).toBe(true);
    expect(shouldGiveUp(MAX_REFUSED_ATTEMPTS, transient)).toBe(false);
    expect(shouldGiveUp(MAX_ATTEMPTS, transient)).toBe(true);
  });

  it('gives up at once on a failure that says it is permanent, and takes Retry-After from the error itself', () => {
    const removed = Object.assign(new Error('the connector answered 403'), { status: 403, permanent: true });
    expect(classifyFailure(removed)).toMatchObject({ transient: false, permanent: true });
    expect(shouldGiveUp(1, classifyFailure(removed))).toBe(true);
    const throttled = Object.assign(new Error('the connector answered 429'), {
      status: 429,
      retryAfterMs: 120_000,
      permanent: false,
    });
    expect(classifyFailure(throttled)).toEqual({
      transient: true,
      retryAfterMs: 120_000,
      message: 'the connector answered 429',
    });
    const unavailable = Object.assign(new Error('the connector answered 503'), {
      status: 503,
      retryAfterMs: null,
    });
    expect(classifyFailure(unavailable)).toMatchObject({ transient: true, retryAfterMs: null });
    expect(shouldGiveUp(1, classifyFailure(unavailable))).toBe(false);
  });
});
