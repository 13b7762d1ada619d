import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../domain/outbox/outbox.js';
import { collectionNames, collections } from './collections.js';
import { createOutboxStore } from './outbox-store.js';
import { useTestDatabase } from './test-support.js';

const store = useTestDatabase('outbox');
const minute = 60_000;
const scope = { tenantId: 't1' };

function item(id: string, overrides: Partial<OutboxItem> = {}): OutboxItem {
  const at = new Date(Date.UTC(2030, 0, 1, 8));
  return {
    id,
    tenantId: 't1',
    target: 'event:s1',
    intent: { kind: 'event.attendees', sessionId: 's1' },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    lastError: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

describe('outbox store', () => {
  it('records an intent once per key, even when the same key is recorded concurrently', async () => {
    const outbox = createOutboxStore(store.db());
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => outbox.insert(item('once'))));
    expect(outcomes.filter((outcome) => outcome === 'inserted')).toHaveLength(1);
    expect(await outbox.listOpenByTarget(scope, 'event:s1')).toEqual([item('once')]);
  });

  it("lists a target's open items oldest first, in its tenant only", async () => {
    const outbox = createOutboxStore(store.db());
    const t = (minutes: number) => new Date(Date.UTC(2030, 0, 1, 9, minutes));
    await outbox.insert(item('later', { target: 'event:s2', createdAt: t(2) }));
    await outbox.insert(item('earlier', { target: 'event:s2', createdAt: t(1), status: 'sending' }));
    await outbox.insert(item('done', { target: 'event:s2', status: 'done' }));
    await outbox.insert(item('other-tenant', { target: 'event:s2', tenantId: 't2' }));
    expect((await outbox.listOpenByTarget(scope, 'event:s2')).map((open) => open.id)).toEqual([
      'earlier',
      'later',
    ]);
  });

  it('lists due targets once each, longest overdue first, across tenants', async () => {
    const outbox = createOutboxStore(store.db());
    const base = Date.UTC(2031, 0, 1);
    const at = (seconds: number) => new Date(base + seconds * 1000);
    await outbox.insert(item('due-b1', { target: 'mail:b', nextAttemptAt: at(2) }));
    await outbox.insert(item('due-a1', { target: 'mail:a', tenantId: 't2', nextAttemptAt: at(1) }));
    await outbox.insert(item('due-b2', { target: 'mail:b', nextAttemptAt: at(3) }));
    await outbox.insert(item('not-yet', { target: 'mail:c', nextAttemptAt: at(100) }));
    await outbox.insert(item('failed', { target: 'mail:d', nextAttemptAt: at(0), status: 'failed' }));
    const due = (await outbox.listDueTargets(at(10), 100)).filter((found) =>
      found.target.startsWith('mail:'),
    );
    expect(due).toEqual([
      { tenantId: 't2', target: 'mail:a' },
      { tenantId: 't1', target: 'mail:b' },
    ]);
  });

  it('updates items of its tenant and purges those done long ago', async () => {
    const outbox = createOutboxStore(store.db());
    const documents = store.db().collection<{ _id: string; status: string }>(collectionNames.outbox);
    await outbox.insert(item('u1', { target: 'event:u' }));
    await outbox.insert(item('u2', { target: 'event:u' }));
    const doneAt = new Date(Date.UTC(2030, 0, 2));
    await outbox.update({ tenantId: 't2' }, ['u1'], { status: 'done', updatedAt: doneAt });
    expect(await documents.findOne({ _id: 'u1' })).toMatchObject({ status: 'pending' });
    await outbox.update(scope, ['u1', 'u2'], { status: 'done', lastError: null, updatedAt: doneAt });
    expect(await outbox.listOpenByTarget(scope, 'event:u')).toEqual([]);
    expect(await outbox.purgeDone(new Date(doneAt.getTime() + 1), 1)).toBe(1);
    expect(await outbox.purgeDone(new Date(doneAt.getTime() + 1), 10)).toBeGreaterThanOrEqual(1);
    expect(await documents.countDocuments({ _id: { $in: ['u1', 'u2'] } })).toBe(0);
  });

  it('keeps what Graph holds per target and tenant', async () => {
    const outbox = createOutboxStore(store.db());
    expect(await outbox.findDelivered(scope, 'event:d1')).toBeNull();
    const state = {
      attendees: ['a@x.test'],
      details: '{"subject":"x"}',
      createAttempted: true,
      cancelled: false,
    };
    await outbox.saveDelivered(scope, 'event:d1', state);
    await outbox.saveDelivered(scope, 'event:d1', { ...state, attendees: ['a@x.test', 'b@x.test'] });
    expect(await outbox.findDelivered(scope, 'event:d1')).toEqual({
      ...state,
      attendees: ['a@x.test', 'b@x.test'],
    });
    expect(await outbox.findDelivered({ tenantId: 't2' }, 'event:d1')).toBeNull();
  });

  it("grants a target's claim to exactly one of many concurrent claimers, from several stores", async () => {
    const stores = Array.from({ length: 5 }, () => createOutboxStore(store.db()));
    const granted = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        stores[index % 5]!.claim(scope, 'event:race', `holder-${index}`, minute),
      ),
    );
    expect(granted.filter(Boolean)).toHaveLength(1);
  });

  it('lets exactly one of many concurrent claimers take over an expired claim', async () => {
    const outbox = createOutboxStore(store.db());
    expect(await outbox.claim(scope, 'event:expired', 'crashed', 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const granted = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        outbox.claim(scope, 'event:expired', `holder-${index}`, minute),
      ),
    );
    expect(granted.filter(Boolean)).toHaveLength(1);
  });

  it('renews a claim only for its holder while it lasts, and a release ends it', async () => {
    const outbox = createOutboxStore(store.db());
    expect(await outbox.claim(scope, 'event:renew', 'holder-a', minute)).toBe(true);
    expect(await outbox.renewClaim(scope, 'event:renew', 'holder-a', 2 * minute)).toBe(true);
    expect(await outbox.renewClaim(scope, 'event:renew', 'holder-b', 2 * minute)).toBe(false);
    const grant = await collections(store.db()).leases.findOne(
      { key: 'outbox:t1:event:renew' },
      { sort: { epoch: -1 } },
    );
    expect(grant!.expiresAt.getTime()).toBeGreaterThan(Date.now() + minute);

    await outbox.releaseClaim(scope, 'event:renew', 'holder-a');
    expect(await outbox.renewClaim(scope, 'event:renew', 'holder-a', minute)).toBe(false);
    expect(await outbox.claim(scope, 'event:renew', 'holder-b', minute)).toBe(true);
    expect(await outbox.claim({ tenantId: 't2' }, 'event:renew', 'holder-c', minute)).toBe(true);
  });

  it('keeps Teams posts in a collection of their own, which the Graph outbox never lists', async () => {
    const graph = createOutboxStore(store.db());
    const teams = createOutboxStore(store.db(), 'teamsOutbox');
    const card = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json' };
    const post = item('teams-post', {
      target: 'teams:notice:r1:v2',
      intent: {
        kind: 'teams.post',
        userId: 'bob',
        reference: { conversation: { id: 'a:1' } },
        cardJson: JSON.stringify(card),
      },
    });
    expect(await teams.insert(post)).toBe('inserted');
    expect(await teams.insert(post)).toBe('duplicate');
    expect(await teams.listOpenByTarget(scope, 'teams:notice:r1:v2')).toEqual([post]);
    const farFuture = new Date(Date.UTC(2100, 0, 1));
    expect((await graph.listDueTargets(farFuture, 1000)).map((due) => due.target)).not.toContain(
      'teams:notice:r1:v2',
    );
    expect(await teams.listDueTargets(farFuture, 1000)).toEqual([
      { tenantId: 't1', target: 'teams:notice:r1:v2' },
    ]);
  });
});
