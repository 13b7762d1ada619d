import type { Db } from 'mongodb';
import type { DeliveredState, OutboxItem, OutboxStatus, OutboxStore } from '../../domain/outbox/outbox.js';
import { collectionNames, collections } from './collections.js';
import { createLeaseStore } from './lease-store.js';
import { tryInsert, withStore } from './store-errors.js';
import { inTenant } from './tenant-filter.js';

/** Stored form of an outbox item; `_id` is its idempotency key. */
export type OutboxDocument = Omit<OutboxItem, 'id'> & { _id: string };

/** What Graph holds for one outbox target; `_id` is `${tenantId}:${target}`. */
export interface OutboxTargetDocument extends DeliveredState {
  _id: string;
  tenantId: string;
  target: string;
  updatedAt: Date;
}

const OPEN: OutboxStatus[] = ['pending', 'sending'];

function toItem(document: OutboxDocument): OutboxItem {
  const { _id, ...rest } = document;
  return { id: _id, ...rest };
}

function claimKey(tenantId: string, target: string): string {
  return `outbox:${tenantId}:${target}`;
}

/**
 * The outbox on MongoDB/FerretDB. Recording an intent is one insert into the unique `_id` (its key). Claims
 * are numbered lease grants (lease-store.ts): only an insert decides who holds a target, and only the holder
 * writes the target's items and state, so the read-modify-write updates of FerretDB never race.
 * `items` names the collection of items: Teams notices have their own (`teamsOutbox`), so the Graph outbox's
 * worker never sees them and each outbox has its own worker (targets and claims are named apart by prefix).
 */
export function createOutboxStore(
  db: Db,
  items: typeof collectionNames.outbox | typeof collectionNames.teamsOutbox = collectionNames.outbox,
): OutboxStore {
  const outbox = db.collection<OutboxDocument>(items);
  const targets = db.collection<OutboxTargetDocument>(collectionNames.outboxTargets);
  const { leases } = collections(db);
  const claims = createLeaseStore(db);

  return {
    insert: (item) =>
      withStore(async () => {
        const { id, ...rest } = item;
        return (await tryInsert(outbox, { _id: id, ...rest })) ? 'inserted' : 'duplicate';
      }),

    listOpenByTarget: (scope, target) =>
      withStore(async () => {
        const documents = await outbox
          .find(inTenant<OutboxDocument>(scope, { target, status: { $in: OPEN } }))
          .sort({ createdAt: 1, _id: 1 })
          .toArray();
        return documents.map(toItem);
      }),

    listDueTargets: (now, limit) =>
      withStore(async () => {
        // Across tenants, longest overdue first; distinct targets are collected while reading (FerretDB 1.24's
        // $group has no $min), and leaving the loop early closes the cursor.
        const due = outbox
          .find(
            { status: { $in: OPEN }, nextAttemptAt: { $lte: now } },
            { projection: { tenantId: 1, target: 1 } },
          )
          .sort({ nextAttemptAt: 1, _id: 1 });
        const found = new Map<string, { tenantId: string; target: string }>();
        for await (const { tenantId, target } of due) {
          if (found.size >= limit) break;
          found.set(claimKey(tenantId, target), { tenantId, target });
        }
        return [...found.values()];
      }),

    update: (scope, itemIds, changes) =>
      withStore(async () => {
        if (itemIds.length === 0) return;
        await outbox.updateMany(inTenant<OutboxDocument>(scope, { _id: { $in: itemIds } }), {
          $set: changes,
        });
      }),

    purgeDone: (before, limit) =>
      withStore(async () => {
        const old = await outbox
          .find({ status: 'done', updatedAt: { $lt: before } }, { projection: { _id: 1 } })
          .limit(limit)
          .toArray();
        if (old.length === 0) return 0;
        const { deletedCount } = await outbox.deleteMany({
          _id: { $in: old.map((document) => document._id) },
          status: 'done',
        });
        return deletedCount;
      }),

    findDelivered: (scope, target) =>
      withStore(async () => {
        const document = await targets.findOne(
          inTenant<OutboxTargetDocument>(scope, { _id: `${scope.tenantId}:${target}` }),
        );
        if (!document) return null;
        return {
          attendees: document.attendees ?? null,
          details: document.details ?? null,
          createAttempted: document.createAttempted ?? false,
          cancelled: document.cancelled ?? false,
        };
      }),

    saveDelivered: (scope, target, state) =>
      withStore(async () => {
        const _id = `${scope.tenantId}:${target}`;
        await targets.replaceOne(
          { _id },
          { tenantId: scope.tenantId, target, ...state, updatedAt: new Date() },
          { upsert: true },
        );
      }),

    claim: (scope, target, holder, ttlMs) =>
      claims.tryAcquire(claimKey(scope.tenantId, target), holder, ttlMs),

    renewClaim: (scope, target, holder, ttlMs) =>
      withStore(async () => {
        // Only the holder writes its own grant, and only while it has not ended: an ended grant stays ended.
        const now = new Date();
        const result = await leases.updateOne(
          { key: claimKey(scope.tenantId, target), holder, expiresAt: { $gt: now } },
          { $set: { expiresAt: new Date(now.getTime() + ttlMs) } },
        );
        return result.matchedCount === 1;
      }),

    releaseClaim: (scope, target, holder) => claims.release(claimKey(scope.tenantId, target), holder),
  };
}
