import type { Clock } from '../shared/tenant-scope.js';
import type { DeliveredState, OutboxItem, OutboxStore } from './outbox.js';

/** The outbox store in memory, for domain tests: same contract as the MongoDB one, claims on the given clock. */
export function createInMemoryOutboxStore(clock: Clock) {
  const items = new Map<string, OutboxItem>();
  const delivered = new Map<string, DeliveredState>();
  const claims = new Map<string, { holder: string; expiresAt: Date }>();
  const key = (tenantId: string, target: string) => `${tenantId}:${target}`;
  const open = (item: OutboxItem) => item.status === 'pending' || item.status === 'sending';

  const store: OutboxStore = {
    async insert(item) {
      if (items.has(item.id)) return 'duplicate';
      items.set(item.id, structuredClone(item));
      return 'inserted';
    },
    async listOpenByTarget(scope, target) {
      return [...items.values()]
        .filter((item) => item.tenantId === scope.tenantId && item.target === target && open(item))
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((item) => structuredClone(item));
    },
    async listDueTargets(now, limit) {
      const due = [...items.values()]
        .filter((item) => open(item) && item.nextAttemptAt <= now)
        .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
      const found = new Map(
        due.map((item) => [
          key(item.tenantId, item.target),
          { tenantId: item.tenantId, target: item.target },
        ]),
      );
      return [...found.values()].slice(0, limit);
    },
    async update(scope, itemIds, changes) {
      for (const id of itemIds) {
        const item = items.get(id);
        if (item?.tenantId === scope.tenantId) Object.assign(item, changes);
      }
    },
    async purgeDone(before, limit) {
      const old = [...items.values()]
        .filter((item) => item.status === 'done' && item.updatedAt < before)
        .slice(0, limit);
      for (const item of old) items.delete(item.id);
      return old.length;
    },
    async findDelivered(scope, target) {
      const state = delivered.get(key(scope.tenantId, target));
      return state ? structuredClone(state) : null;
    },
    async saveDelivered(scope, target, state) {
      delivered.set(key(scope.tenantId, target), structuredClone(state));
    },
    async claim(scope, target, holder, ttlMs) {
      const now = clock.now();
      const current = claims.get(key(scope.tenantId, target));
      if (current && current.expiresAt > now) return false;
      claims.set(key(scope.tenantId, target), { holder, expiresAt: new Date(now.getTime() + ttlMs) });
      return true;
    },
    async renewClaim(scope, target, holder, ttlMs) {
      const now = clock.now();
      const current = claims.get(key(scope.tenantId, target));
      if (!current || current.holder !== holder || current.expiresAt <= now) return false;
      current.expiresAt = new Date(now.getTime() + ttlMs);
      return true;
    },
    async releaseClaim(scope, target, holder) {
      const current = claims.get(key(scope.tenantId, target));
      if (current?.holder === holder) claims.delete(key(scope.tenantId, target));
    },
  };
  return { store, items, delivered, claims };
}
