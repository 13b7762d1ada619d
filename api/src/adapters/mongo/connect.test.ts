import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFerretDb, type RunningFerretDb } from '../../../../infra/local/ferretdb.js';
import type { CampusError } from '../../errors.js';
import { connectMongo, type MongoConnection } from './connect.js';
import { createMongoStores, ensureIndexes } from './index.js';
import { registrationFixture, sessionFixture, useTestDatabase } from './test-support.js';

const store = useTestDatabase('connect');

async function codeOf(promise: Promise<unknown>): Promise<{ code: unknown; cause: unknown }> {
  const error = (await promise.then(
    () => ({}),
    (caught: unknown) => caught,
  )) as CampusError;
  return { code: error.code, cause: error.cause };
}

describe('connectMongo', () => {
  it('connects, answers ping and logs the hosts and database but never credentials', async () => {
    const logged: Array<{ obj: object; msg: string }> = [];
    const url = new URL(store.uri);
    const connection = await connectMongo({
      uri: store.uri,
      dbName: store.db().databaseName,
      logger: { info: (obj, msg) => logged.push({ obj, msg }) },
    });
    try {
      expect(await connection.ping()).toBe(true);
      expect(connection.db.databaseName).toBe(store.db().databaseName);
      expect(logged).toEqual([
        {
          obj: { store: { hosts: [url.host], db: store.db().databaseName } },
          msg: 'connected to the data store',
        },
      ]);
    } finally {
      await connection.close();
    }
  });

  it('fails with CAMPUS_ERR_STORE_UNAVAILABLE when nothing listens at the address', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'campus-dead-'));
    const ferretDb = await startFerretDb({ dataDir });
    await ferretDb.stop();
    await rm(dataDir, { recursive: true, force: true });
    const logged: object[] = [];
    const outcome = await codeOf(
      connectMongo({ uri: ferretDb.uri, dbName: 'campus_dead', logger: { info: (obj) => logged.push(obj) } }),
    );
    expect(outcome.code).toBe('CAMPUS_ERR_STORE_UNAVAILABLE');
    expect(outcome.cause).toBeInstanceOf(Error);
    expect(logged).toEqual([]);
  });
});

describe('a store that goes down', () => {
  let ferretDb: RunningFerretDb;
  let dataDir: string;
  let connection: MongoConnection;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'campus-down-'));
    ferretDb = await startFerretDb({ dataDir });
    connection = await connectMongo({ uri: ferretDb.uri, dbName: 'campus_down' });
    await ensureIndexes(connection.db);
  });
  afterAll(async () => {
    await connection.close();
    await ferretDb.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('turns every repository call into CAMPUS_ERR_STORE_UNAVAILABLE, with the driver error as cause', async () => {
    const stores = createMongoStores(connection.db);
    const scope = { tenantId: 'tenant-down' };
    await stores.sessions.insert(sessionFixture({ id: 'before-outage', tenantId: scope.tenantId }));
    expect((await stores.sessions.findById(scope, 'before-outage'))?.id).toBe('before-outage');

    await ferretDb.stop();

    expect(await connection.ping()).toBe(false);
    const calls = [
      stores.sessions.findById(scope, 'before-outage'),
      stores.sessions.listUpcoming(scope, { from: new Date(0), limit: 5, cursor: null }),
      stores.registrations.insert(
        registrationFixture({ id: 'r', tenantId: scope.tenantId, sessionId: 'before-outage', userId: 'u' }),
      ),
      stores.seats.claim(scope, 'before-outage', 10, 'r'),
      stores.leases.tryAcquire('event-attendees:tenant-down:before-outage', 'holder', 60_000),
    ];
    for (const outcome of await Promise.all(calls.map(codeOf))) {
      expect(outcome.code).toBe('CAMPUS_ERR_STORE_UNAVAILABLE');
      expect(outcome.cause).toBeInstanceOf(Error);
    }
  });
});

describe('driver errors that are not outages', () => {
  it('become CAMPUS_ERR_INTERNAL with the driver error as cause', async () => {
    const { sessions } = createMongoStores(store.db());
    const session = sessionFixture({ id: 'twice', tenantId: 'tenant-internal' });
    await sessions.insert(session);
    const outcome = await codeOf(sessions.insert(session));
    expect(outcome.code).toBe('CAMPUS_ERR_INTERNAL');
    expect((outcome.cause as { code?: unknown }).code).toBe(11000);
  });
});
