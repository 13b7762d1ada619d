import type { Db } from 'mongodb';
import type { RegistrationChange, RegistrationHistory } from '../../domain/registrations/registration.js';
import { collectionNames } from './collections.js';
import { tryInsert, withStore } from './store-errors.js';
import { inTenant } from './tenant-filter.js';

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
  return {
    append: (change) =>
      withStore(async () => ((await tryInsert(history, { ...change, _id: `${change.registrationId}#${change.version}` })) ? 'appended' : 'conflict')),

    latest: (scope, registrationId) =>
      withStore(async () => {
        const document = await history.findOne(inTenant<RegistrationChangeDocument>(scope, { registrationId }), { sort: { version: -1 } });
        return document ? toChange(document) : null;
      }),

    listByRegistration: (scope, registrationId) =>
      withStore(async () => {
        const documents = await history.find(inTenant<RegistrationChangeDocument>(scope, { registrationId })).sort({ version: 1 }).toArray();
        return documents.map(toChange);
      }),
  };
}
