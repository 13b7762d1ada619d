import type { Db } from 'mongodb';
import {
  STATUSES_ON_EVENT,
  type Registration,
  type RegistrationRepository,
} from '../../domain/registrations/registration.js';
import { collections, type RegistrationDocument } from './collections.js';
import { tryInsert, withIdempotentStore } from './store-errors.js';
import { inTenant } from './tenant-filter.js';

function toDocument(registration: Registration): RegistrationDocument {
  return {
    _id: registration.id,
    tenantId: registration.tenantId,
    sessionId: registration.sessionId,
    userId: registration.userId,
    displayName: registration.displayName,
    mail: registration.mail,
    status: registration.status,
    seat: registration.seat,
    invite: registration.invite,
    arrival: { at: registration.arrival.at, seq: registration.arrival.seq },
    closedBy: registration.closedBy,
    version: registration.version,
    createdAt: registration.createdAt,
    updatedAt: registration.updatedAt,
  };
}

function toRegistration(document: RegistrationDocument): Registration {
  return {
    id: document._id,
    tenantId: document.tenantId,
    sessionId: document.sessionId,
    userId: document.userId,
    displayName: document.displayName,
    mail: document.mail,
    status: document.status,
    seat: document.seat ?? null,
    invite: document.invite,
    arrival: document.arrival
      ? { at: document.arrival.at, seq: document.arrival.seq }
      : { at: document.createdAt, seq: 0 },
    closedBy: document.closedBy ?? null,
    version: document.version ?? 1,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}

/** Waitlist order, the same as the domain's compareArrival. */
const byArrival = { 'arrival.at': 1, 'arrival.seq': 1, _id: 1 } as const;
const passingStatuses = ['requested', 'promoted', 'approved'] as const;

/** Registrations on MongoDB/FerretDB; the unique index (tenant, session, user) decides duplicates. */
export function createRegistrationRepository(db: Db): RegistrationRepository {
  const { registrations } = collections(db);
  const byCreation = { createdAt: 1, _id: 1 } as const;
  // A bare _id filter: the one FerretDB serves from its key. Callers check the tenant on the document.
  const findStored = (id: string) => registrations.findOne({ _id: id });

  return {
    insert: (registration) =>
      withIdempotentStore(async () =>
        (await tryInsert(registrations, toDocument(registration))) ? 'inserted' : 'duplicate',
      ),

    findById: (scope, registrationId) =>
      withIdempotentStore(async () => {
        const document = await findStored(registrationId);
        return document && document.tenantId === scope.tenantId ? toRegistration(document) : null;
      }),

    listBySession: (scope, sessionId) =>
      withIdempotentStore(async () => {
        const documents = await registrations
          .find(inTenant<RegistrationDocument>(scope, { sessionId }))
          .sort(byCreation)
          .toArray();
        return documents.map(toRegistration);
      }),

    listByUser: (scope, userId) =>
      withIdempotentStore(async () => {
        const documents = await registrations
          .find(inTenant<RegistrationDocument>(scope, { userId }))
          .sort(byCreation)
          .toArray();
        return documents.map(toRegistration);
      }),

    listWaitlisted: (scope, sessionId, limit) =>
      withIdempotentStore(async () => {
        const documents = await registrations
          .find(inTenant<RegistrationDocument>(scope, { sessionId, status: 'waitlisted' }))
          .sort(byArrival)
          .limit(limit)
          .toArray();
        return documents.map(toRegistration);
      }),

    applyChange: (scope, change) =>
      withIdempotentStore(async () => {
        // Read, then write by id alone: FerretDB answers only a bare _id filter from its key (any other condition
        // scans the collection), and its updates are not atomic anyway. A slower writer of an older change is
        // skipped here; one that slips through is undone by the caller, which applies any newer entry after writing.
        const stored = await findStored(change.registrationId);
        if (!stored || stored.tenantId !== scope.tenantId || (stored.version ?? 1) >= change.version) return;
        await registrations.updateOne(
          { _id: change.registrationId },
          {
            $set: {
              status: change.state.status,
              seat: change.state.seat,
              arrival: change.state.arrival,
              closedBy: change.state.closedBy,
              version: change.version,
              updatedAt: change.at,
              // Entering confirmed puts the person (back) on the Outlook event's list of invitations to send.
              ...(change.to === 'confirmed' ? { invite: 'pending' as const } : {}),
            },
          },
        );
      }),

    listUnsettled: (before, limit) =>
      withIdempotentStore(async () => {
        const documents = await registrations
          .find({ status: { $in: [...passingStatuses] }, updatedAt: { $lt: before } })
          .sort({ updatedAt: 1, _id: 1 })
          .limit(limit)
          .toArray();
        return documents.map(toRegistration);
      }),

    markInvites: (scope, registrationIds, invite) =>
      withIdempotentStore(async () => {
        if (registrationIds.length === 0) return;
        await registrations.updateMany(
          inTenant<RegistrationDocument>(scope, { _id: { $in: registrationIds } }),
          { $set: { invite } },
        );
      }),

    listSessionsWithPendingInvites: (limit) =>
      withIdempotentStore(async () => {
        // Across tenants: the calendar worker's pass, longest-waiting first. FerretDB 1.24's $group has no
        // $min or $first, so the distinct sessions are collected while reading, stopping at `limit`.
        const pending = registrations
          .find(
            {
              $or: [
                { invite: 'pending', status: 'confirmed' },
                { invite: 'sent', status: { $nin: [...STATUSES_ON_EVENT] } },
              ],
            },
            { projection: { tenantId: 1, sessionId: 1 } },
          )
          .sort({ updatedAt: 1, _id: 1 });
        const sessions = new Map<string, { tenantId: string; sessionId: string }>();
        // Leaving the loop early closes the cursor.
        for await (const { tenantId, sessionId } of pending) {
          if (sessions.size >= limit) break;
          sessions.set(JSON.stringify([tenantId, sessionId]), { tenantId, sessionId });
        }
        return [...sessions.values()];
      }),
  };
}
