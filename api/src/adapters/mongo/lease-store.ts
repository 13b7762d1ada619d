import type { Db } from 'mongodb';
import type { LeaseStore } from '../../domain/registrations/registration.js';
import { collections, type LeaseDocument } from './collections.js';
import { tryInsert, withIdempotentStore } from './store-errors.js';

/** Ended grants are kept this long before removal; an acquirer stalled longer than this could misjudge a key. */
const keepEndedGrantsMs = 3_600_000;

/**
 * Leases as numbered grants. To acquire, read the key's latest grant; if it has ended, insert the next number.
 * The insert into the unique `_id` decides between racing acquirers, so exactly one wins even when they take
 * over an expired lease together. Nothing here depends on a conditional delete or update being atomic
 * (FerretDB applies them read-modify-write): grants are never reused, and only a grant's holder writes to it.
 */
export function createLeaseStore(db: Db): LeaseStore {
  const { leases } = collections(db);

  return {
    tryAcquire: (key, holder, ttlMs) =>
      // Nothing is written after the insert that decides, so a busy store may have the whole attempt made again.
      withIdempotentStore(async () => {
        const now = new Date();
        const latest = await leases.findOne({ key }, { sort: { epoch: -1 } });
        if (latest && latest.expiresAt > now) return false;
        const epoch = (latest?.epoch ?? 0) + 1;
        // Grants that ended long ago can no longer be the latest anyone acts on: keep the key's history short. The
        // latest stays, so every acquirer racing this one still computes the same next epoch.
        if (latest) {
          await leases.deleteMany({
            key,
            epoch: { $lt: latest.epoch },
            expiresAt: { $lt: new Date(now.getTime() - keepEndedGrantsMs) },
          });
        }
        const grant: LeaseDocument = {
          _id: `${key}#${epoch}`,
          key,
          epoch,
          holder,
          expiresAt: new Date(now.getTime() + ttlMs),
        };
        return tryInsert(leases, grant);
      }),

    release: (key, holder) =>
      withIdempotentStore(async () => {
        const now = new Date();
        await leases.updateMany({ key, holder, expiresAt: { $gt: now } }, { $set: { expiresAt: now } });
      }),
  };
}
