import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { ensureIndexes } from './indexes.js';
import { useTestDatabase } from './test-support.js';

const store = useTestDatabase('indexes');

async function indexSummary(collection: string) {
  const indexes = await store.db().collection(collection).listIndexes().toArray();
  return indexes
    .map((index) => ({ name: index.name as string, key: index.key as object, unique: index.unique === true }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

describe('ensureIndexes', () => {
  it('creates the unique indexes that carry the invariants', async () => {
    expect(await indexSummary('registrations')).toContainEqual({
      name: 'tenant_session_user_unique',
      key: { tenantId: 1, sessionId: 1, userId: 1 },
      unique: true,
    });
    const seats = await indexSummary('seats');
    expect(seats).toContainEqual({
      name: 'tenant_session_seat_unique',
      key: { tenantId: 1, sessionId: 1, seat: 1 },
      unique: true,
    });
    expect(seats).toContainEqual({
      name: 'tenant_registration_unique',
      key: { tenantId: 1, registrationId: 1 },
      unique: true,
    });
    expect((await indexSummary('sessions')).map((index) => index.name)).toEqual([
      '_id_',
      'awaiting_calendar_event',
      'status_startsAt',
      'tenant_status_startsAt_id',
    ]);
    expect((await indexSummary('leases')).map((index) => index.name)).toEqual(['_id_', 'key_epoch']);
  });

  it('is idempotent: running it again changes nothing', async () => {
    const before = await Promise.all(['sessions', 'registrations', 'seats', 'leases'].map(indexSummary));
    await ensureIndexes(store.db());
    await ensureIndexes(store.db());
    const after = await Promise.all(['sessions', 'registrations', 'seats', 'leases'].map(indexSummary));
    expect(after).toEqual(before);
  });

  it('succeeds when two processes run it at once on a fresh database', async () => {
    const name = `${store.db().databaseName}_race`;
    const [first, second] = [new MongoClient(store.uri), new MongoClient(store.uri)];
    try {
      await Promise.all([ensureIndexes(first.db(name)), ensureIndexes(second.db(name))]);
      const seatIndexes = await first.db(name).collection('seats').listIndexes().toArray();
      expect(seatIndexes.map((index) => index.name).sort()).toEqual([
        '_id_',
        'tenant_registration_unique',
        'tenant_session_seat_unique',
      ]);
    } finally {
      await first.db(name).dropDatabase();
      await Promise.all([first.close(), second.close()]);
    }
  });
});
