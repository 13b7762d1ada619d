import { describe, expect, it } from 'vitest';
import { createSeatLedger } from './seat-ledger.js';
import { useTestDatabase } from './test-support.js';

const store = useTestDatabase('seats');
const contoso = { tenantId: 'tenant-contoso' };
const fabrikam = { tenantId: 'tenant-fabrikam' };

describe('seat ledger', () => {
  it('gives 300 concurrent claims for 50 seats exactly the seats 1..50, once each, and null to the rest', async () => {
    const seats = createSeatLedger(store.db());
    const claims = await Promise.all(
      Array.from({ length: 300 }, (_, index) => seats.claim(contoso, 'crowded', 50, `reg-${index}`)),
    );
    const won = claims.filter((seat): seat is number => seat !== null);
    expect(won).toHaveLength(50);
    expect([...won].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(claims.filter((seat) => seat === null)).toHaveLength(250);
    expect((await seats.countTaken(contoso, ['crowded'])).get('crowded')).toBe(50);
  });

  it('is idempotent per registration, also when the same registration claims concurrently', async () => {
    const seats = createSeatLedger(store.db());
    const first = await seats.claim(contoso, 'idem', 10, 'reg-a');
    expect(first).toBe(1);
    expect(await seats.claim(contoso, 'idem', 10, 'reg-a')).toBe(1);

    const racing = await Promise.all(
      Array.from({ length: 10 }, () => seats.claim(contoso, 'idem', 10, 'reg-b')),
    );
    expect(new Set(racing)).toEqual(new Set([2]));
    expect((await seats.countTaken(contoso, ['idem'])).get('idem')).toBe(2);
  });

  it('hands a released seat to the next claim and refuses claims while full', async () => {
    const seats = createSeatLedger(store.db());
    expect(await seats.claim(contoso, 'small', 2, 'small-1')).toBe(1);
    expect(await seats.claim(contoso, 'small', 2, 'small-2')).toBe(2);
    expect(await seats.claim(contoso, 'small', 2, 'small-3')).toBeNull();

    await seats.release(contoso, 'small', 'small-1');
    expect((await seats.countTaken(contoso, ['small'])).get('small')).toBe(1);
    expect(await seats.claim(contoso, 'small', 2, 'small-3')).toBe(1);
    expect(await seats.claim(contoso, 'small', 2, 'small-4')).toBeNull();
    // A released registration's later claim is a new claim: it gets a seat only if one is free.
    await seats.release(contoso, 'small', 'small-2');
    await seats.release(contoso, 'small', 'small-2');
    expect(await seats.claim(contoso, 'small', 2, 'small-2')).toBe(2);
  });

  it('returns null for a session without capacity', async () => {
    const seats = createSeatLedger(store.db());
    expect(await seats.claim(contoso, 'no-seats', 0, 'none-1')).toBeNull();
  });

  it('keeps tenants apart: the same session id in two tenants has two sets of seats', async () => {
    const seats = createSeatLedger(store.db());
    expect(await seats.claim(contoso, 'shared', 1, 'reg-c')).toBe(1);
    expect(await seats.claim(fabrikam, 'shared', 1, 'reg-f')).toBe(1);
    await seats.release(fabrikam, 'shared', 'reg-c');
    expect((await seats.countTaken(contoso, ['shared'])).get('shared')).toBe(1);
    await seats.release(fabrikam, 'shared', 'reg-f');
    expect((await seats.countTaken(contoso, ['shared'])).get('shared')).toBe(1);
    expect((await seats.countTaken(fabrikam, ['shared'])).get('shared')).toBe(0);
  });

  it('counts taken seats per session, with zero for sessions nobody claimed', async () => {
    const seats = createSeatLedger(store.db());
    await seats.claim(contoso, 'count-a', 5, 'count-1');
    await seats.claim(contoso, 'count-a', 5, 'count-2');
    await seats.claim(contoso, 'count-b', 5, 'count-3');
    const counts = await seats.countTaken(contoso, ['count-a', 'count-b', 'count-empty']);
    expect(Object.fromEntries(counts)).toEqual({ 'count-a': 2, 'count-b': 1, 'count-empty': 0 });
    expect((await seats.countTaken(contoso, [])).size).toBe(0);
  });
});

describe('seat ledger queue note', () => {
  it('says whether people wait, without counting the note as a seat', async () => {
    const seats = createSeatLedger(store.db());
    expect(await seats.occupancy(contoso, 'queue')).toEqual({ taken: 0, queued: false });
    expect(await seats.claim(contoso, 'queue', 2, 'q-1')).toBe(1);
    await seats.markQueued(contoso, 'queue');
    await seats.markQueued(contoso, 'queue');
    expect(await seats.occupancy(contoso, 'queue')).toEqual({ taken: 1, queued: true });
    expect(await seats.occupancy(fabrikam, 'queue')).toEqual({ taken: 0, queued: false });
    expect((await seats.countTaken(contoso, ['queue'])).get('queue')).toBe(1);
    expect(await seats.listHolders(contoso, 'queue')).toEqual([{ seat: 1, registrationId: 'q-1', claimedAt: expect.any(Date) }]);
    expect(await seats.claim(contoso, 'queue', 2, 'q-2')).toBe(2);
    expect(await seats.claim(contoso, 'queue', 2, 'q-3')).toBeNull();
    expect(await seats.resize(contoso, 'queue', 2, 2)).toEqual({ resized: true });
    await seats.clearQueued(contoso, 'queue');
    expect(await seats.occupancy(contoso, 'queue')).toEqual({ taken: 2, queued: false });
  });
});
