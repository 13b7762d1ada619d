import { MongoServerError, type Collection } from 'mongodb';
import type { TenantScope } from '../../domain/shared/tenant-scope.js';
import type { SeatDocument } from './collections.js';
import { tryInsert } from './store-errors.js';
import { inTenant } from './tenant-filter.js';

/** Rounds of "move the holders above the new capacity" before giving up (only releases racing the moves need a second). */
const MAX_ROUNDS = 5;

function blocker(scope: TenantScope, sessionId: string, seat: number): SeatDocument {
  return { tenantId: scope.tenantId, sessionId, seat, registrationId: `blocked:${sessionId}:${seat}`, claimedAt: new Date(), kind: 'blocked' };
}

const isHeld = (document: SeatDocument) => document.kind !== 'blocked' && document.kind !== 'queue';

/**
 * Shrinks a session's seats from `from` to `to`. Every step is an insert into the unique seat index or a write to a
 * row only this resize touches, so claims racing it never push the holders above `to`:
 * 1. the free seats above `to` are blocked, so no claim can take them;
 * 2. for each holder above `to`, a free seat at or below `to` is reserved (a blocker again);
 * 3. each such holder moves: its old row is marked moving, the reservation becomes its seat, the old row a blocker.
 * Refused, with everything it blocked given back, when more than `to` seats are held.
 */
export async function shrinkSeats(
  seats: Collection<SeatDocument>,
  scope: TenantScope,
  sessionId: string,
  from: number,
  to: number,
): Promise<{ resized: true } | { resized: false; taken: number }> {
  const ofSession = inTenant<SeatDocument>(scope, { sessionId });
  const read = () => seats.find(ofSession).toArray();
  const blocked: number[] = [];
  const block = async (seat: number): Promise<boolean> => {
    const inserted = await tryInsert(seats, blocker(scope, sessionId, seat));
    if (inserted) blocked.push(seat);
    return inserted;
  };
  const refuse = async () => {
    await seats.deleteMany({ ...ofSession, kind: 'blocked', seat: { $in: blocked } });
    return { resized: false as const, taken: (await read()).filter(isHeld).length };
  };

  let documents = await read();
  if (documents.filter(isHeld).length > to) return { resized: false, taken: documents.filter(isHeld).length };
  const occupied = new Set(documents.map((document) => document.seat));
  for (let seat = to + 1; seat <= from; seat++) if (!occupied.has(seat)) await block(seat);

  for (let round = 0; round < MAX_ROUNDS; round++) {
    documents = await read();
    const above = documents.filter((document) => isHeld(document) && document.seat > to);
    if (above.length === 0) {
      // Reservations left unused (a holder that left meanwhile) open again.
      await seats.deleteMany({ ...ofSession, kind: 'blocked', seat: { $lte: to } });
      return { resized: true };
    }
    if (documents.filter(isHeld).length > to) return refuse();
    const taken = new Set(documents.map((document) => document.seat));
    const targets: number[] = [];
    for (let seat = 1; seat <= to && targets.length < above.length; seat++) {
      if (!taken.has(seat) && (await block(seat))) targets.push(seat);
    }
    // Claims took the free seats first: more than `to` are held.
    if (targets.length < above.length) return refuse();
    for (const [index, document] of above.entries()) {
      if (await moveHolder(seats, scope, sessionId, document, targets[index]!)) blocked.push(document.seat);
    }
  }
  return refuse();
}

/** Moves one holder from its seat to a reserved one; true when its old seat ends up blocked. */
async function moveHolder(seats: Collection<SeatDocument>, scope: TenantScope, sessionId: string, document: SeatDocument, target: number): Promise<boolean> {
  const holder = document.registrationId;
  const row = (seat: number, registrationId: string) => inTenant<SeatDocument>(scope, { sessionId, seat, registrationId });
  const marked = await seats.updateOne(row(document.seat, holder), { $set: { registrationId: `moving:${holder}`, kind: 'moving' } });
  if (marked.matchedCount === 1) {
    try {
      await seats.updateOne(row(target, `blocked:${sessionId}:${target}`), { $set: { registrationId: holder, claimedAt: new Date() }, $unset: { kind: '' } });
    } catch (error) {
      // The holder claimed another seat meanwhile (its unique registration key is taken): it keeps that one.
      if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
    }
  }
  const closed = await seats.updateOne(row(document.seat, `moving:${holder}`), {
    $set: { registrationId: `blocked:${sessionId}:${document.seat}`, kind: 'blocked' },
  });
  // The holder was released meanwhile and its old seat deleted: block it again if nobody took it.
  return closed.matchedCount === 1 || (await tryInsert(seats, blocker(scope, sessionId, document.seat)));
}
