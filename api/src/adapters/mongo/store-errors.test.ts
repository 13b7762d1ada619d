import { MongoNetworkError, MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { createError } from '../../errors.js';
import { BUSY_ATTEMPTS, isStoreBusy, STORE_RETRY_AFTER_MS, withStore } from './store-errors.js';

/**
 * What FerretDB 1.24.2 (SQLite handler) answered, through the driver, to an update while another connection held
 * SQLite's write lock past its 10 s busy_timeout: a MongoServerError, InternalError, with FerretDB's call trace.
 */
function sqliteBusy(): MongoServerError {
  const errmsg =
    '[msg_update.go:133 handler.(*Handler).updateDocument] [update.go:114 common.UpdateDocument] ' +
    '[collection.go:191 sqlite.(*collection).UpdateAll] [collection.go:177 sqlite.(*collection).UpdateAll.func1] ' +
    'database is locked (5) (SQLITE_BUSY)';
  return new MongoServerError({ ok: 0, errmsg, code: 1, codeName: 'InternalError' });
}

const instant = async () => {};

/** An operation that fails with `errors` in turn, then answers 'done'; counts its calls. */
function failingThen(...errors: unknown[]) {
  const operation = async () => {
    operation.calls += 1;
    const error = errors.shift();
    if (error !== undefined) throw error;
    return 'done';
  };
  operation.calls = 0;
  return operation;
}

describe('store errors', () => {
  it("recognizes FerretDB's busy SQLite, and only that InternalError", () => {
    expect(isStoreBusy(sqliteBusy())).toBe(true);
    const otherInternal = new MongoServerError({
      ok: 0,
      errmsg: 'no such table',
      code: 1,
      codeName: 'InternalError',
    });
    expect(isStoreBusy(otherInternal)).toBe(false);
    expect(isStoreBusy(new Error('database is locked'))).toBe(false);
  });

  it('tries an idempotent operation again while the store is busy', async () => {
    const operation = failingThen(sqliteBusy(), sqliteBusy());
    expect(await withStore(operation, { idempotent: true, pause: instant })).toBe('done');
    expect(operation.calls).toBe(3);
  });

  it('answers 503 STORE_UNAVAILABLE with a retry delay once the busy attempts are spent', async () => {
    const operation = failingThen(...Array.from({ length: BUSY_ATTEMPTS }, sqliteBusy));
    const failure = await withStore(operation, { idempotent: true, pause: instant }).catch(
      (error: unknown) => error,
    );
    expect(operation.calls).toBe(BUSY_ATTEMPTS);
    expect(failure).toMatchObject({
      code: 'CAMPUS_ERR_STORE_UNAVAILABLE',
      statusCode: 503,
      details: { retryAfterMs: STORE_RETRY_AFTER_MS },
    });
    expect((failure as Error).cause).toBeInstanceOf(MongoServerError);
  });

  it('never repeats an operation not marked idempotent: a busy store is a 503 at once', async () => {
    const operation = failingThen(sqliteBusy());
    await expect(withStore(operation, { pause: instant })).rejects.toMatchObject({
      code: 'CAMPUS_ERR_STORE_UNAVAILABLE',
    });
    expect(operation.calls).toBe(1);
  });

  it('repeats nothing but a busy store: other driver errors are 500 or 503 at once, Campus errors pass through', async () => {
    const other = failingThen(
      new MongoServerError({ ok: 0, errmsg: 'bad value', code: 2, codeName: 'BadValue' }),
    );
    await expect(withStore(other, { idempotent: true, pause: instant })).rejects.toMatchObject({
      code: 'CAMPUS_ERR_INTERNAL',
      statusCode: 500,
    });
    expect(other.calls).toBe(1);

    const unreachable = failingThen(new MongoNetworkError('connection reset'));
    await expect(withStore(unreachable, { idempotent: true, pause: instant })).rejects.toMatchObject({
      code: 'CAMPUS_ERR_STORE_UNAVAILABLE',
      details: { retryAfterMs: STORE_RETRY_AFTER_MS },
    });
    expect(unreachable.calls).toBe(1);

    const own = createError('CAMPUS_ERR_SESSION_FULL', 'full (test)');
    await expect(withStore(failingThen(own), { idempotent: true, pause: instant })).rejects.toBe(own);
  });
});
