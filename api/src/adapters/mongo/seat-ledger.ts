import type { Db } from 'mongodb';
import type { SeatLedger } from '../../domain/registrations/registration.js';
import type { TenantScope } from '../../domain/shared/tenant-scope.js';
import { collections, type SeatDocument } from './collections.js';
import { tryInsert, withStore } from './store-errors.js';
import { inTenant } from './tenant-filter.js';

/**
 * Seats as documents in the unique index (tenant, session, seat): whoever inserts a seat number first holds it,
 * so capacity stays exact however many claims race, on FerretDB as on MongoDB. A second unique index
 * (tenant, registration) keeps a registration from holding two seats when its own claims race.
 */
export function createSeatLedger(db: Db): SeatLedger {
  const { seats } = collections(db);

  /** One read of the session's seats: the seat this registration holds, if any, and the free seat numbers. */
  async function readSeats(scope: TenantScope, sessionId: string, capacity: number, registrationId: string) {
    const taken = await seats
      .find(inTenant<SeatDocument>(scope, { sessionId }), {
        projection: { _id: 0, seat: 1, registrationId: 1 },
      })
      .toArray();
    const held = taken.find((document) => document.registrationId === registrationId)?.seat ?? null;
    const takenNumbers = new Set(taken.map((document) => document.seat));
    const free: number[] = [];
    for (let seat = 1; seat <= capacity; seat += 1) if (!takenNumbers.has(seat)) free.push(seat);
    return { held, free };
  }

  async function claim(
    scope: TenantScope,
    sessionId: string,
    capacity: number,
    registrationId: string,
  ): Promise<number | null> {
    // A lost insert means another claim took that seat after our read (or a concurrent claim of this same
    // registration won a seat, which the next read reveals). Without releases the taken set grows with every
    // lost round, so capacity + 1 rounds always reach an answer; only endless churn could exhaust them.
    for (let round = 0; round <= capacity + 1; round += 1) {
      const { held, free } = await readSeats(scope, sessionId, capacity, registrationId);
      if (held !== null) return held;
      if (free.length === 0) return null;
      // The lowest free seat first; once claims are seen racing, a random free seat, so that racers spread
      // over the free seats instead of all colliding on the lowest one round after round.
      const seat = round === 0 ? free[0]! : free[Math.floor(Math.random() * free.length)]!;
      const document: SeatDocument = {
        tenantId: scope.tenantId,
        sessionId,
        seat,
        registrationId,
        claimedAt: new Date(),
      };
      if (await tryInsert(seats, document)) return seat;
    }
    return null;
  }

  return {
    claim: (scope, sessionId, capacity, registrationId) =>
      withStore(() => claim(scope, sessionId, capacity, registrationId)),

    release: (scope, sessionId, seat) =>
      withStore(async () => {
        await seats.deleteOne(inTenant<SeatDocument>(scope, { sessionId, seat }));
      }),

    countTaken: (scope, sessionIds) =>
      withStore(async () => {
        const counts = new Map<string, number>(sessionIds.map((id) => [id, 0]));
        if (sessionIds.length === 0) return counts;
        const groups = await seats
          .aggregate<{ _id: string; taken: number }>([
            { $match: inTenant<SeatDocument>(scope, { sessionId: { $in: sessionIds } }) },
            { $group: { _id: '$sessionId', taken: { $sum: 1 } } },
          ])
          .toArray();
        for (const group of groups) counts.set(group._id, group.taken);
        return counts;
      }),
  };
}
