import { describe, expect, it } from 'vitest';
import { createError } from '../../errors.js';
import { MAX_REFUSED_ATTEMPTS } from './backoff.js';
import { createOutbox, type TargetHandler } from './create-outbox.js';
import { createInMemoryOutboxStore } from './in-memory-outbox-store.js';
import type { OutboxItem } from './outbox.js';

const scope = { tenantId: 't1' };
const intent = { kind: 'event.attendees', sessionId: 's1' } as const;

/** An outbox on a manual clock and heartbeat, with a handler the test scripts. */
function world() {
  let now = new Date('2030-01-01T08:00:00Z');
  const clock = { now: () => now };
  const memory = createInMemoryOutboxStore(clock);
  const delivered: string[][] = [];
  const beats: Array<() => void> = [];
  let behaviour: (items: OutboxItem[]) => Promise<void> = async () => undefined;
  const handler: TargetHandler = async (_scope, _target, items, claim) => {
    await behaviour(items);
    claim.assertHeld();
    delivered.push(items.map((item) => item.id));
    return { attendeesSynced: 1 };
  };
  const warnings: string[] = [];
  const outbox = (holderId = 'h1') =>
    createOutbox({
      store: memory.store,
      clock,
      holderId,
      logger: { warn: (_details, message) => warnings.push(message) },
      handlers: { event: handler },
      random: () => 0,
      heartbeat: (_everyMs, beat) => {
        beats.push(beat);
        return () => beats.splice(beats.indexOf(beat), 1);
      },
      claimTtlMs: 15_000,
    });
  return {
    memory,
    delivered,
    beats,
    warnings,
    outbox,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    behave(next: (items: OutboxItem[]) => Promise<void>) {
      behaviour = next;
    },
    item: (id: string) => memory.items.get(id)!,
  };
}

type World = ReturnType<typeof world>;

const unavailable = (retryAfterMs?: number) =>
  createError(
    'CAMPUS_ERR_GRAPH_UNAVAILABLE',
    'Graph is down (test)',
    retryAfterMs === undefined ? undefined : { details: { retryAfterMs } },
  );

/** An outbox whose Graph is down (asking to wait `retryAfterMs`), after k1 for event:s1 was tried in the request. */
async function afterFailedDelivery(retryAfterMs?: number) {
  const w = world();
  const outbox = w.outbox();
  w.behave(async () => {
    throw unavailable(retryAfterMs);
  });
  await outbox.enqueue(scope, 'k1', 'event:s1', intent);
  await outbox.deliverNow(scope, 'event:s1');
  return { w, outbox };
}

/** Delivers event:s1 and expects the claim to be found lost before the write: nothing sent, k1 to try again. */
async function expectStoppedOnLostClaim(w: World, outbox: ReturnType<World['outbox']>) {
  await outbox.deliverNow(scope, 'event:s1');
  expect(w.delivered).toEqual([]);
  expect(w.item('k1')).toMatchObject({
    status: 'pending',
    attempts: 1,
    lastError: expect.stringContaining('claim'),
  });
}

describe('outbox', () => {
  it('records an intent once per idempotency key and delivers it once', async () => {
    const w = world();
    const outbox = w.outbox();
    expect(await outbox.enqueue(scope, 'k1', 'event:s1', intent)).toBe('inserted');
    expect(await outbox.enqueue(scope, 'k1', 'event:s1', intent)).toBe('duplicate');
    await outbox.deliverNow(scope, 'event:s1');
    await outbox.deliverNow(scope, 'event:s1');
    expect(w.delivered).toEqual([['k1']]);
    expect(w.item('k1')).toMatchObject({ status: 'done', attempts: 0 });
    expect(await outbox.processDue(10)).toMatchObject({ attendeesSynced: 0 });
  });

  it('tries recording an intent again while the store is briefly busy, and reports a store that stays down', async () => {
    const w = world();
    const outbox = w.outbox();
    const insert = w.memory.store.insert;
    let failures = 2;
    w.memory.store.insert = async (item) => {
      if (failures-- > 0) throw createError('CAMPUS_ERR_STORE_UNAVAILABLE', 'database is locked (test)');
      return insert(item);
    };
    expect(await outbox.enqueue(scope, 'k1', 'event:s1', intent)).toBe('inserted');
    failures = 3;
    await expect(outbox.enqueue(scope, 'k2', 'event:s1', intent)).rejects.toMatchObject({
      code: 'CAMPUS_ERR_STORE_UNAVAILABLE',
    });
    expect(w.memory.items.has('k2')).toBe(false);
  });

  it('hands a failed delivery to the next worker pass, then backs off exponentially', async () => {
    const { w, outbox } = await afterFailedDelivery();
    // The in-request attempt already went through the gateway's own retries: the next pass tries again.
    expect(w.item('k1')).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: new Date('2030-01-01T08:00:00Z'),
    });
    expect(await outbox.processDue(10)).toMatchObject({ retried: 1 });
    // Then 10 s doubling, with equal jitter (random() = 0 gives the lower half): 5 s, 10 s, 20 s...
    expect(w.item('k1')).toMatchObject({ attempts: 2, nextAttemptAt: new Date('2030-01-01T08:00:05Z') });
    expect(await outbox.processDue(10)).toMatchObject({ retried: 0 });
    w.advance(5_000);
    await outbox.processDue(10);
    expect(w.item('k1')).toMatchObject({ attempts: 3, nextAttemptAt: new Date('2030-01-01T08:00:15Z') });

    w.behave(async () => undefined);
    w.advance(10_000);
    expect(await outbox.processDue(10)).toMatchObject({ attendeesSynced: 1 });
    expect(w.item('k1')).toMatchObject({ status: 'done', lastError: null });
    expect(w.delivered).toEqual([['k1']]);
  });

  it("honours Graph's Retry-After when it asks for longer than the backoff, for the whole tenant", async () => {
    const { w, outbox } = await afterFailedDelivery(120_000);
    expect(w.item('k1').nextAttemptAt).toEqual(new Date('2030-01-01T08:02:00Z'));

    w.behave(async () => undefined);
    await outbox.enqueue(scope, 'k2', 'event:s2', { kind: 'event.attendees', sessionId: 's2' });
    await outbox.deliverNow(scope, 'event:s2');
    expect(w.delivered).toEqual([]);
    w.advance(119_000);
    await outbox.processDue(10);
    expect(w.delivered).toEqual([]);
    w.advance(1_000);
    await outbox.processDue(10);
    expect(w.delivered.flat().sort()).toEqual(['k1', 'k2']);
  });

  it("does not let a new intent cut a target's backoff short; it is delivered with the others when due", async () => {
    const { w, outbox } = await afterFailedDelivery();
    await outbox.processDue(10);
    w.behave(async () => undefined);
    await outbox.enqueue(scope, 'k2', 'event:s1', intent);
    await outbox.deliverNow(scope, 'event:s1');
    expect(await outbox.processDue(10)).toMatchObject({ attendeesSynced: 0 });
    w.advance(5_000);
    await outbox.processDue(10);
    expect(w.delivered).toEqual([['k1', 'k2']]);
  });

  it('gives up on a refusal after a few attempts, and keeps the error', async () => {
    const w = world();
    const outbox = w.outbox();
    w.behave(async () => {
      throw Object.assign(new Error('Graph PATCH /users/x/events/y failed with 403 ErrorAccessDenied'), {
        status: 403,
      });
    });
    await outbox.enqueue(scope, 'k1', 'event:s1', intent);
    await outbox.deliverNow(scope, 'event:s1');
    for (let attempt = 1; attempt < MAX_REFUSED_ATTEMPTS; attempt++) {
      w.advance(3_600_000);
      await outbox.processDue(10);
    }
    expect(w.item('k1')).toMatchObject({
      status: 'failed',
      attempts: MAX_REFUSED_ATTEMPTS,
      lastError: expect.stringContaining('403'),
    });
    expect(w.warnings).toContain('outbox gave up delivering to Microsoft Graph');
    w.advance(86_400_000);
    expect(await outbox.processDue(10)).toMatchObject({ attendeesSynced: 0, failed: 0 });
  });

  it('lets one holder at a time work on a target; intents arriving meanwhile are delivered by that holder', async () => {
    const w = world();
    const first = w.outbox('h1');
    const second = w.outbox('h2');
    await first.enqueue(scope, 'k1', 'event:s1', intent);
    let secondTried = Promise.resolve();
    w.behave(async () => {
      w.behave(async () => undefined);
      // While h1 is inside Graph's call, another request records its intent and finds the claim taken.
      await second.enqueue(scope, 'k2', 'event:s1', intent);
      secondTried = second.deliverNow(scope, 'event:s1');
      await secondTried;
    });
    await first.deliverNow(scope, 'event:s1');
    await secondTried;
    expect(w.delivered).toEqual([['k1']]);
    await first.idle();
    expect(w.delivered).toEqual([['k1'], ['k2']]);
    expect(w.memory.claims.size).toBe(0);
  });

  it('renews its claim while working, and stops before writing once the claim is lost', async () => {
    const w = world();
    const outbox = w.outbox();
    await outbox.enqueue(scope, 'k1', 'event:s1', intent);
    w.behave(async () => {
      // A slow store: 10 s pass, the heartbeat renews, and the claim outlives its first 15 s.
      w.advance(10_000);
      w.beats.forEach((beat) => beat());
      await Promise.resolve();
      w.advance(10_000);
      expect(await w.memory.store.claim(scope, 'event:s1', 'intruder', 15_000)).toBe(false);
      // Then the process stalls past the renewed expiry: someone else takes over, and our renewal fails.
      w.advance(20_000);
      expect(await w.memory.store.claim(scope, 'event:s1', 'intruder', 15_000)).toBe(true);
      w.beats.forEach((beat) => beat());
      await new Promise((resolve) => setImmediate(resolve));
    });
    await expectStoppedOnLostClaim(w, outbox);
  });

  it('counts its claim as lost once renewals go unanswered for most of its time to live', async () => {
    const w = world();
    const outbox = w.outbox();
    await outbox.enqueue(scope, 'k1', 'event:s1', intent);
    w.memory.store.renewClaim = async () => {
      throw createError('CAMPUS_ERR_STORE_UNAVAILABLE', 'store down (test)');
    };
    w.behave(async () => {
      w.advance(6_000);
      w.beats.forEach((beat) => beat());
      await new Promise((resolve) => setImmediate(resolve));
      // 11 s into a 15 s claim, nothing renewed: too little is left to start a write in.
      w.advance(5_000);
    });
    await expectStoppedOnLostClaim(w, outbox);
  });

  it('removes delivered items after a week', async () => {
    const w = world();
    const outbox = w.outbox();
    await outbox.enqueue(scope, 'k1', 'event:s1', intent);
    await outbox.deliverNow(scope, 'event:s1');
    w.advance(6 * 86_400_000);
    await outbox.processDue(10);
    expect(w.memory.items.has('k1')).toBe(true);
    w.advance(86_400_000 + 1);
    await outbox.processDue(10);
    expect(w.memory.items.has('k1')).toBe(false);
  });
});
