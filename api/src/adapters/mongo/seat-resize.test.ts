import { describe, expect, it } from 'vitest';
import { createSeatLedger } from './seat-ledger.js';
import { useTestDatabase } from './test-support.js';

const store = useTestDatabase('seat_resize');
const scope = { tenantId: 'tenant-resize' };

async function fill(sessionId: string, capacity: number, count: number) {
  const seats = createSeatLedger(store.db());
  for (let index = 0; index < count; index++) await seats.claim(scope, sessionId, capacity, `${sessionId}-r${index}`);
  return seats;
}

describe('seat ledger resize', () => {
  it('grows: the new seats can be claimed', async () => {
    const seats = await fill('grow', 2, 2);
    expect(await seats.claim(scope, 'grow', 2, 'grow-late')).toBeNull();
    expect(await seats.resize(scope, 'grow', 2, 3)).toEqual({ resized: true });
    expect(await seats.claim(scope, 'grow', 3, 'grow-late')).toBe(3);
  });

  it('refuses to shrink below the seats taken and changes nothing', async () => {
    const seats = await fill('refuse', 5, 4);
    expect(await seats.resize(scope, 'refuse', 5, 3)).toEqual({ resized: false, taken: 4 });
    expect(await seats.claim(scope, 'refuse', 5, 'refuse-late')).toBe(5);
    expect((await seats.listHolders(scope, 'refuse')).map((holder) => holder.seat)).toEqual([1, 2, 3, 4, 5]);
  });

  it('shrinks around scattered holders: they move below the new capacity and keep one seat each', async () => {
    const seats = await fill('scatter', 10, 10);
    for (const index of [0, 1, 2, 3, 5, 6, 7]) await seats.release(scope, 'scatter', `scatter-r${index}`);
    // Seats 5, 9 and 10 are held.
    expect(await seats.resize(scope, 'scatter', 10, 3)).toEqual({ resized: true });
    const holders = await seats.listHolders(scope, 'scatter');
    expect(holders.map((holder) => holder.registrationId).sort()).toEqual(['scatter-r4', 'scatter-r8', 'scatter-r9']);
    expect(holders.every((holder) => holder.seat <= 3)).toBe(true);
    expect((await seats.countTaken(scope, ['scatter'])).get('scatter')).toBe(3);
    // A claim that still reads the old capacity finds nothing free above the new one.
    expect(await seats.claim(scope, 'scatter', 10, 'scatter-late')).toBeNull();
    await seats.release(scope, 'scatter', 'scatter-r9');
    expect(await seats.claim(scope, 'scatter', 3, 'scatter-late')).not.toBeNull();
    expect(await seats.resize(scope, 'scatter', 3, 6)).toEqual({ resized: true });
    expect(await seats.claim(scope, 'scatter', 6, 'scatter-later')).toBe(4);
  });

  it('stays exact when claims that read the old capacity race a shrink', async () => {
    const seats = await fill('race', 40, 40);
    for (let index = 0; index < 40; index += 3) await seats.release(scope, 'race', `race-r${index}`);
    const [outcome, ...claims] = await Promise.all([
      seats.resize(scope, 'race', 40, 30),
      ...Array.from({ length: 60 }, (_, index) => seats.claim(scope, 'race', 40, `race-new${index}`)),
    ]);
    const holders = await seats.listHolders(scope, 'race');
    const capacity = outcome && 'resized' in outcome && outcome.resized ? 30 : 40;
    expect(holders.length).toBeLessThanOrEqual(capacity);
    expect(holders.every((holder) => holder.seat <= capacity)).toBe(true);
    expect(new Set(holders.map((holder) => holder.registrationId)).size).toBe(holders.length);
    expect(new Set(holders.map((holder) => holder.seat)).size).toBe(holders.length);
    const won = claims.filter((seat) => seat !== null);
    expect(holders.filter((holder) => holder.registrationId.startsWith('race-new'))).toHaveLength(won.length);
  });

  it('repairs what a crashed resize left: a holder mid-move and stale reservations', async () => {
    const seats = await fill('crash', 6, 2);
    const rows = store.db().collection('seats');
    // Holder r1 was being moved off seat 2 when the process died; seat 1 was reserved for it.
    await rows.updateOne({ tenantId: scope.tenantId, sessionId: 'crash', registrationId: 'crash-r1' }, { $set: { registrationId: 'moving:crash-r1', kind: 'moving' } });
    await rows.insertOne({ tenantId: scope.tenantId, sessionId: 'crash', seat: 3, registrationId: 'blocked:crash:3', kind: 'blocked', claimedAt: new Date() });
    expect((await seats.countTaken(scope, ['crash'])).get('crash')).toBe(2);
    expect(await seats.resize(scope, 'crash', 6, 6)).toEqual({ resized: true });
    const holders = (await seats.listHolders(scope, 'crash')).map(({ seat, registrationId }) => ({ seat, registrationId }));
    expect(holders).toEqual([
      { seat: 1, registrationId: 'crash-r0' },
      { seat: 2, registrationId: 'crash-r1' },
    ]);
    expect(await seats.claim(scope, 'crash', 6, 'crash-late')).toBe(3);
  });
});
