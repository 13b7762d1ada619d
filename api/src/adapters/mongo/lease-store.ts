import type { Db } from 'mongodb';
import type { LeaseStore } from '../../domain/registrations/registration.js';
import { collections, type LeaseDocument } from './collections.js';
import { tryInsert, withStore } from './store-errors.js';

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
      withStore(async () => {
        const now = new Date();
        const latest = await leases.findOne({ key }, { sort: { epoch: -1 } });
        if (latest && latest.expiresAt > now) return false;
        const epoch = (latest?.epoch ?? 0) + 1;
        const grant: LeaseDocument = {
          _id: `${key}#${epoch}`,
          key,
          epoch,
          holder,
          expiresAt: new Date(now.getTime() + ttlMs),
        };
        if (!(await tryInsert(leases, grant))) return false;
        // Grants that ended long ago can no longer be the latest anyone acts on: keep the key's history short.
        await leases.deleteMany({
          key,
          epoch: { $lt: epoch },
          expiresAt: { $lt: new Date(now.getTime() - keepEndedGrantsMs) },
        });
        return true;
      }),

    release: (key, holder) =>
      withStore(async () => {
        const now = new Date();
        await leases.updateMany({ key, holder, expiresAt: { $gt: now } }, { $set: { expiresAt: now } });
      }),
  };
}
