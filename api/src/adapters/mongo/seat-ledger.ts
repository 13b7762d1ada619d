import type { Db } from 'mongodb';
import type { SeatLedger } from '../../domain/registrations/registration.js';
import type { TenantScope } from '../../domain/shared/tenant-scope.js';
import { collections, type SeatDocument } from './collections.js';
import { shrinkSeats } from './seat-resize.js';
import { tryInsert, withIdempotentStore } from './store-errors.js';
import { inTenant } from './tenant-filter.js';

/** Seat rows that count as taken by a registration: held ones and those whose holder is moving. */
export const heldSeats = { kind: { $nin: ['blocked' as const, 'queue' as const] } };

/** Seat 0 is not a seat: its row says that people wait for one (see SeatLedger.occupancy). */
const QUEUE_SEAT = 0;

/** The registration a held or moving seat belongs to. */
export function holderOf(document: Pick<SeatDocument, 'registrationId' | 'kind'>): string {
  return document.kind === 'moving'
    ? document.registrationId.slice('moving:'.length)
    : document.registrationId;
}

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
      withIdempotentStore(() => claim(scope, sessionId, capacity, registrationId)),

    release: (scope, sessionId, registrationId) =>
      withIdempotentStore(async () => {
        await seats.deleteMany(
          inTenant<SeatDocument>(scope, {
            sessionId,
            registrationId: { $in: [registrationId, `moving:${registrationId}`] },
          }),
        );
      }),

    countTaken: (scope, sessionIds) =>
      withIdempotentStore(async () => {
        const counts = new Map<string, number>(sessionIds.map((id) => [id, 0]));
        if (sessionIds.length === 0) return counts;
        const groups = await seats
          .aggregate<{ _id: string; taken: number }>([
            { $match: inTenant<SeatDocument>(scope, { sessionId: { $in: sessionIds }, ...heldSeats }) },
            { $group: { _id: '$sessionId', taken: { $sum: 1 } } },
          ])
          .toArray();
        for (const group of groups) counts.set(group._id, group.taken);
        return counts;
      }),

    occupancy: (scope, sessionId) =>
      withIdempotentStore(async () => {
        const rows = await seats
          .find(inTenant<SeatDocument>(scope, { sessionId }), { projection: { _id: 0, kind: 1 } })
          .toArray();
        return {
          taken: rows.filter((row) => row.kind !== 'blocked' && row.kind !== 'queue').length,
          queued: rows.some((row) => row.kind === 'queue'),
        };
      }),

    markQueued: (scope, sessionId) =>
      withIdempotentStore(async () => {
        await tryInsert(seats, {
          tenantId: scope.tenantId,
          sessionId,
          seat: QUEUE_SEAT,
          registrationId: `queue:${sessionId}`,
          claimedAt: new Date(),
          kind: 'queue',
        });
      }),

    clearQueued: (scope, sessionId) =>
      withIdempotentStore(async () => {
        await seats.deleteMany(inTenant<SeatDocument>(scope, { sessionId, kind: 'queue' }));
      }),

    listHolders: (scope, sessionId) =>
      withIdempotentStore(async () => {
        const documents = await seats
          .find(inTenant<SeatDocument>(scope, { sessionId, ...heldSeats }))
          .sort({ seat: 1 })
          .toArray();
        return documents.map((document) => ({
          seat: document.seat,
          registrationId: holderOf(document),
          claimedAt: document.claimedAt,
        }));
      }),

    resize: (scope, sessionId, from, to) =>
      withIdempotentStore(async () => {
        const key = inTenant<SeatDocument>(scope, { sessionId });
        await finishMoves(scope, sessionId);
        // Under the caller's capacity lease no other resize runs: blockers at or below the current capacity were
        // left by one that crashed, and go.
        await seats.deleteMany({ ...key, kind: 'blocked', seat: { $lte: Math.max(from, to) } });
        if (to >= from) return { resized: true };
        return shrinkSeats(seats, scope, sessionId, from, to);
      }),
  };

  /** Completes or undoes moves a crash interrupted: a holder that has its new seat gives the old one up, else takes it back. */
  async function finishMoves(scope: TenantScope, sessionId: string): Promise<void> {
    const moving = await seats.find(inTenant<SeatDocument>(scope, { sessionId, kind: 'moving' })).toArray();
    for (const document of moving) {
      const holder = holderOf(document);
      const settled = await seats.findOne(
        inTenant<SeatDocument>(scope, { sessionId, registrationId: holder }),
      );
      const filter = inTenant<SeatDocument>(scope, {
        sessionId,
        seat: document.seat,
        registrationId: document.registrationId,
      });
      if (settled)
        await seats.updateOne(filter, {
          $set: { kind: 'blocked', registrationId: `blocked:${sessionId}:${document.seat}` },
        });
      else await seats.updateOne(filter, { $set: { registrationId: holder }, $unset: { kind: '' } });
    }
  }
}
