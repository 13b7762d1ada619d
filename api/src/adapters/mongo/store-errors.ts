import {
  type Collection,
  type Document,
  type OptionalUnlessRequiredId,
  MongoClientClosedError,
  MongoError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import { createError } from '../../errors.js';

const connectionFailures = [
  MongoServerSelectionError,
  // also covers the pool-cleared error, a subclass
  MongoNetworkError,
  MongoNotConnectedError,
  MongoTopologyClosedError,
  MongoServerClosedError,
  MongoClientClosedError,
  MongoOperationTimeoutError,
];

/** The pool-closed error is not exported by the driver; it is recognized by name. */
const connectionFailureNames = new Set(['MongoPoolClosedError', 'MongoPoolClearedError']);

function isConnectionFailure(error: unknown): boolean {
  return (
    connectionFailures.some((type) => error instanceof type) ||
    (error instanceof MongoError && connectionFailureNames.has(error.name))
  );
}

/** True when an insert lost to a unique index: the invariant held and someone else's write came first. */
function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

/** Inserts a document; false when a unique index already holds its key (the insert lost, nothing changed). */
export async function tryInsert<T extends Document>(
  collection: Collection<T>,
  document: OptionalUnlessRequiredId<T>,
): Promise<boolean> {
  try {
    await collection.insertOne(document);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/**
 * FerretDB's SQLite backend answers InternalError (code 1) ending in "database is locked (5) (SQLITE_BUSY)" when its
 * write waited out SQLite's busy_timeout (10 s) for the database's one write lock: the store is overloaded, not
 * broken. SQLite rolled the statement's transaction back, so the operation wrote nothing.
 */
export function isStoreBusy(error: unknown): boolean {
  return (
    error instanceof MongoServerError &&
    error.code === 1 &&
    /\bSQLITE_BUSY\b|database is locked/.test(error.message)
  );
}

/** Attempts in all of an operation that may be repeated, while the store answers busy. */
export const BUSY_ATTEMPTS = 3;
/** What a client is told to wait (Retry-After, and the outbox's backoff) when the store is busy or unreachable. */
export const STORE_RETRY_AFTER_MS = 2_000;

export interface StoreOptions {
  /**
   * The operation may be run again whole: every write in it is idempotent, or it decides by an insert into a unique
   * index before any other write. A busy store is then tried again, BUSY_ATTEMPTS times in all.
   */
  idempotent?: boolean;
  /** Waits between attempts (tests pass an instant one). */
  pause?: (attempt: number) => Promise<void>;
}

/** A short pause with jitter: SQLite already waited 10 s, and racing writers should not come back in step. */
const pauseBeforeRetry = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, 50 * attempt + Math.floor(Math.random() * 100)));

function translate(error: unknown): unknown {
  if (isConnectionFailure(error) || isStoreBusy(error)) {
    const message = isStoreBusy(error) ? 'The data store is overloaded' : 'The data store is unavailable';
    return createError('CAMPUS_ERR_STORE_UNAVAILABLE', message, {
      cause: error,
      details: { retryAfterMs: STORE_RETRY_AFTER_MS },
    });
  }
  if (error instanceof MongoError) {
    return createError('CAMPUS_ERR_INTERNAL', 'The data store rejected the operation', { cause: error });
  }
  return error;
}

/**
 * Runs one store operation and translates driver failures: an unreachable or busy store becomes
 * CAMPUS_ERR_STORE_UNAVAILABLE (503 with `details.retryAfterMs`, the request may be repeated); any other driver
 * error becomes CAMPUS_ERR_INTERNAL with the driver's error as cause. Campus's own errors pass through untouched.
 * An operation marked idempotent is first tried again while the store is busy.
 */
export async function withStore<T>(operation: () => Promise<T>, options: StoreOptions = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (options.idempotent !== true || attempt >= BUSY_ATTEMPTS || !isStoreBusy(error))
        throw translate(error);
      await (options.pause ?? pauseBeforeRetry)(attempt);
    }
  }
}

/** withStore for an operation that may be repeated whole (see StoreOptions.idempotent). */
export const withIdempotentStore = <T>(operation: () => Promise<T>): Promise<T> =>
  withStore(operation, { idempotent: true });
