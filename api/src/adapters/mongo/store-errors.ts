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
 * Runs one store operation and translates driver failures: an unreachable store becomes
 * CAMPUS_ERR_STORE_UNAVAILABLE (503, the request may be retried); any other driver error becomes
 * CAMPUS_ERR_INTERNAL with the driver's error as cause. Campus's own errors pass through untouched.
 */
export async function withStore<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isConnectionFailure(error)) {
      throw createError('CAMPUS_ERR_STORE_UNAVAILABLE', 'The data store is unavailable', { cause: error });
    }
    if (error instanceof MongoError) {
      throw createError('CAMPUS_ERR_INTERNAL', 'The data store rejected the operation', { cause: error });
    }
    throw error;
  }
}
