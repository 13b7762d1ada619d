/** Test helpers for the store adapters: a fresh database on the run's store, and domain fixtures. */
import { randomUUID } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, inject } from 'vitest';
import type { Registration } from '../../domain/registrations/registration.js';
import type { Session } from '../../domain/sessions/session.js';
import type {} from '../../../../tests/support/provided-context.js';
import { ensureIndexes } from './indexes.js';

/** Opens a database unique to the calling test file, with indexes, and drops it after the file's tests. */
export function useTestDatabase(label: string): { db: () => Db; client: () => MongoClient; uri: string } {
  const uri = inject('mongodbUri');
  const name = `campus_test_${label}_${randomUUID().slice(0, 8)}`;
  let client: MongoClient | undefined;
  beforeAll(async () => {
    client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
    await client.connect();
    await ensureIndexes(client.db(name));
  });
  afterAll(async () => {
    await client?.db(name).dropDatabase();
    await client?.close();
  });
  return {
    uri,
    client: () => client!,
    db: () => client!.db(name),
  };
}

const hour = 3_600_000;

export function sessionFixture(overrides: Partial<Session> & Pick<Session, 'id' | 'tenantId'>): Session {
  const startsAt = overrides.startsAt ?? new Date(Date.UTC(2030, 0, 15, 9));
  return {
    title: 'Reading flame graphs',
    abstract: 'How to find the hot path.\nWith examples.',
    presenter: { id: 'presenter-1', displayName: 'Ada Presenter', mail: 'ada@contoso.example' },
    organizerId: 'organizer-1',
    start: { dateTime: '2030-01-15T10:00:00', timeZone: 'Europe/Paris' },
    end: { dateTime: '2030-01-15T11:00:00', timeZone: 'Europe/Paris' },
    startsAt,
    endsAt: new Date(startsAt.getTime() + hour),
    capacity: 20,
    online: true,
    location: null,
    status: 'scheduled',
    approval: 'none',
    cancellation: null,
    calendar: { ownerId: 'presenter-1', transactionId: `tx-${overrides.id}`, eventId: null, joinUrl: null },
    createdAt: new Date(Date.UTC(2029, 11, 1, 8)),
    updatedAt: new Date(Date.UTC(2029, 11, 1, 8)),
    ...overrides,
  };
}

export function registrationFixture(
  overrides: Partial<Registration> & Pick<Registration, 'id' | 'tenantId' | 'sessionId' | 'userId'>,
): Registration {
  return {
    displayName: `User ${overrides.userId}`,
    mail: `${overrides.userId}@contoso.example`,
    status: 'requested',
    seat: null,
    invite: 'pending',
    arrival: { at: overrides.createdAt ?? new Date(Date.UTC(2029, 11, 2, 8)), seq: 0 },
    closedBy: null,
    version: 1,
    createdAt: new Date(Date.UTC(2029, 11, 2, 8)),
    updatedAt: new Date(Date.UTC(2029, 11, 2, 8)),
    ...overrides,
  };
}
