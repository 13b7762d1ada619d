import { describe, expect, it } from 'vitest';
import { collections } from './collections.js';
import { createLeaseStore } from './lease-store.js';
import { useTestDatabase } from './test-support.js';

const store = useTestDatabase('leases');
const minute = 60_000;

async function expiredGrant(key: string): Promise<void> {
  await collections(store.db()).leases.insertOne({
    _id: `${key}#1`,
    key,
    epoch: 1,
    holder: 'crashed',
    expiresAt: new Date(Date.now() - 1_000),
  });
}

describe('lease store', () => {
  it('grants a lease to exactly one of many concurrent holders', async () => {
    const leases = createLeaseStore(store.db());
    const granted = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        leases.tryAcquire('event-attendees:t:s1', `holder-${index}`, minute),
      ),
    );
    expect(granted.filter(Boolean)).toHaveLength(1);
  });

  it('is exclusive until its holder releases it; a release by someone else changes nothing', async () => {
    const leases = createLeaseStore(store.db());
    expect(await leases.tryAcquire('key-release', 'holder-a', minute)).toBe(true);
    expect(await leases.tryAcquire('key-release', 'holder-b', minute)).toBe(false);
    expect(await leases.tryAcquire('key-release', 'holder-a', minute)).toBe(false);

    await leases.release('key-release', 'holder-b');
    expect(await leases.tryAcquire('key-release', 'holder-b', minute)).toBe(false);

    await leases.release('key-release', 'holder-a');
    expect(await leases.tryAcquire('key-release', 'holder-b', minute)).toBe(true);
  });

  it('keeps keys independent', async () => {
    const leases = createLeaseStore(store.db());
    expect(await leases.tryAcquire('key-one', 'holder-a', minute)).toBe(true);
    expect(await leases.tryAcquire('key-two', 'holder-b', minute)).toBe(true);
  });

  it('lets another holder take over an expired lease, and the late holder cannot release the new one', async () => {
    const leases = createLeaseStore(store.db());
    // A holder that crashed: its lease expired a second ago.
    await expiredGrant('key-expired');
    expect(await leases.tryAcquire('key-expired', 'holder-new', minute)).toBe(true);
    await leases.release('key-expired', 'crashed');
    expect(await leases.tryAcquire('key-expired', 'holder-other', minute)).toBe(false);
  });

  it('lets exactly one of many concurrent holders take over an expired lease', async () => {
    const leases = createLeaseStore(store.db());
    await expiredGrant('key-takeover');
    const granted = await Promise.all(
      Array.from({ length: 30 }, (_, index) => leases.tryAcquire('key-takeover', `holder-${index}`, minute)),
    );
    expect(granted.filter(Boolean)).toHaveLength(1);
  });

  it('removes grants that ended long ago once a new grant is made', async () => {
    const leases = createLeaseStore(store.db());
    const { leases: documents } = collections(store.db());
    await documents.insertOne({
      _id: 'key-history#1',
      key: 'key-history',
      epoch: 1,
      holder: 'old',
      expiresAt: new Date(Date.now() - 2 * 3_600_000),
    });
    expect(await leases.tryAcquire('key-history', 'holder-a', minute)).toBe(true);
    await leases.release('key-history', 'holder-a');
    expect(await leases.tryAcquire('key-history', 'holder-b', minute)).toBe(true);
    const remaining = await documents.find({ key: 'key-history' }).sort({ epoch: 1 }).toArray();
    // The recently ended grant stays: a slow acquirer may still act on it.
    expect(remaining.map((grant) => [grant.epoch, grant.holder])).toEqual([
      [2, 'holder-a'],
      [3, 'holder-b'],
    ]);
  });

  it('expires a lease after its time to live', async () => {
    const leases = createLeaseStore(store.db());
    expect(await leases.tryAcquire('key-ttl', 'holder-a', 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await leases.tryAcquire('key-ttl', 'holder-b', minute)).toBe(true);
  });
});
