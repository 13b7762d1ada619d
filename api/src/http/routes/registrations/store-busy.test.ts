import { Collection, MongoServerError, type Document } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bearer, buildTestApp, testUsers } from '../../test-support.js';
import { call, createSession, registrationsOf, type TestApp } from './route-support.js';

/** FerretDB's answer when SQLite's write lock stayed taken past its busy_timeout (see store-errors.test.ts). */
const sqliteBusy = () =>
  new MongoServerError({
    ok: 0,
    errmsg: '[collection.go:111 sqlite.(*collection).InsertAll.func1] database is locked (5) (SQLITE_BUSY)',
    code: 1,
    codeName: 'InternalError',
  });

/** Makes the next `times` inserts into `collectionName` fail as a busy FerretDB does; the rest reach the store. */
function busyInserts(collectionName: string, times: number) {
  const insertOne = Collection.prototype.insertOne;
  let left = times;
  return vi.spyOn(Collection.prototype, 'insertOne').mockImplementation(function (
    this: Collection<Document>,
    ...args
  ) {
    if (this.collectionName === collectionName && left > 0) {
      left -= 1;
      return Promise.reject(sqliteBusy());
    }
    return insertOne.apply(this, args);
  });
}

describe('registering while the store is busy', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await t.close();
  });

  it('tries the registration insert again and confirms the seat once', async () => {
    const sessionId = await createSession(t, 5);
    busyInserts('registrations', 2);
    const registered = await call(t, testUsers.employee, 'POST', `/api/sessions/${sessionId}/registrations`);
    expect(registered).toMatchObject({ status: 201, body: { status: 'confirmed', seat: 1 } });
    const listed = await registrationsOf(t, sessionId);
    expect(listed.map((registration) => [registration.userId, registration.seat])).toEqual([
      [testUsers.employee.id, 1],
    ]);
  });

  it('answers 503 STORE_UNAVAILABLE with Retry-After when it stays busy; repeating the request completes it', async () => {
    const sessionId = await createSession(t, 5);
    busyInserts('registrations', 10);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/sessions/${sessionId}/registrations`,
      headers: bearer(testUsers.employee),
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({
      code: 'CAMPUS_ERR_STORE_UNAVAILABLE',
      details: { retryAfterMs: 2_000 },
    });
    expect(refused.headers['retry-after']).toBe('2');
    expect(await registrationsOf(t, sessionId)).toEqual([]);

    vi.restoreAllMocks();
    // The seat the first attempt claimed is the same registration's: the repeat takes it, nobody holds two.
    const repeated = await call(t, testUsers.employee, 'POST', `/api/sessions/${sessionId}/registrations`);
    expect(repeated).toMatchObject({ status: 201, body: { status: 'confirmed', seat: 1 } });
    const session = await call(t, testUsers.employee, 'GET', `/api/sessions/${sessionId}`);
    expect(session.body).toMatchObject({ seatsTaken: 1 });
  });
});
