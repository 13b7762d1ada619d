import type { Db } from 'mongodb';
import type { RegistrationChange, RegistrationHistory } from '../../domain/registrations/registration.js';
import { collectionNames } from './collections.js';
import { tryInsert, withIdempotentStore } from './store-errors.js';
import type { TenantScope } from '../../domain/shared/tenant-scope.js';

/** One change of a registration; `_id` is `${registrationId}#${version}`, so each version can be written once. */
export interface RegistrationChangeDocument extends Omit<RegistrationChange, 'registrationId'> {
  _id: string;
  registrationId: string;
}

function toChange(document: RegistrationChangeDocument): RegistrationChange {
  return {
    tenantId: document.tenantId,
    sessionId: document.sessionId,
    registrationId: document.registrationId,
    userId: document.userId,
    version: document.version,
    from: document.from ?? null,
    to: document.to,
    at: document.at,
    by: { userId: document.by.userId ?? null, role: document.by.role },
    reason: document.reason ?? null,
    state: {
      status: document.state.status,
      seat: document.state.seat ?? null,
      arrival: { at: document.state.arrival.at, seq: document.state.arrival.seq },
      closedBy: document.state.closedBy ?? null,
    },
  };
}

/** The registration history on MongoDB/FerretDB: inserts only, never an update or a delete. */
export function createRegistrationHistoryStore(db: Db): RegistrationHistory {
  const history = db.collection<RegistrationChangeDocument>(collectionNames.registrationHistory);
  // Entries are read by key alone (FerretDB serves only a bare _id filter from its key); the tenant is checked after.
  async function findEntry(
    scope: TenantScope,
    registrationId: string,
    version: number,
  ): Promise<RegistrationChange | null> {
    const document = await history.findOne({ _id: `${registrationId}#${version}` });
    return document && document.tenantId === scope.tenantId ? toChange(document) : null;
  }
  return {
    append: (change) =>
      withIdempotentStore(async () =>
        (await tryInsert(history, { ...change, _id: `${change.registrationId}#${change.version}` }))
          ? 'appended'
          : 'conflict',
      ),

    find: (scope, registrationId, version) =>
      withIdempotentStore(() => findEntry(scope, registrationId, version)),

    listByRegistration: (scope, registrationId, throughVersion) =>
      withIdempotentStore(async () => {
        const entries = await Promise.all(
          Array.from({ length: throughVersion }, (_, index) => findEntry(scope, registrationId, index + 1)),
        );
        return entries.filter((entry): entry is RegistrationChange => entry !== null);
      }),
  };
}
