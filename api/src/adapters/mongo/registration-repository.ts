import type { Db } from 'mongodb';
import type { Registration, RegistrationRepository } from '../../domain/registrations/registration.js';
import { collections, type RegistrationDocument } from './collections.js';
import { tryInsert, withStore } from './store-errors.js';
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
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}

/** Registrations on MongoDB/FerretDB; the unique index (tenant, session, user) decides duplicates. */
export function createRegistrationRepository(db: Db): RegistrationRepository {
  const { registrations } = collections(db);
  const byCreation = { createdAt: 1, _id: 1 } as const;

  return {
    insert: (registration) =>
      withStore(async () =>
        (await tryInsert(registrations, toDocument(registration))) ? 'inserted' : 'duplicate',
      ),

    findByUser: (scope, sessionId, userId) =>
      withStore(async () => {
        const document = await registrations.findOne(
          inTenant<RegistrationDocument>(scope, { sessionId, userId }),
        );
        return document ? toRegistration(document) : null;
      }),

    listBySession: (scope, sessionId) =>
      withStore(async () => {
        const documents = await registrations
          .find(inTenant<RegistrationDocument>(scope, { sessionId }))
          .sort(byCreation)
          .toArray();
        return documents.map(toRegistration);
      }),

    listByUser: (scope, userId) =>
      withStore(async () => {
        const documents = await registrations
          .find(inTenant<RegistrationDocument>(scope, { userId }))
          .sort(byCreation)
          .toArray();
        return documents.map(toRegistration);
      }),

    confirm: (scope, registrationId, seat, at) =>
      withStore(async () => {
        await registrations.updateOne(inTenant<RegistrationDocument>(scope, { _id: registrationId }), {
          $set: { status: 'confirmed', seat, updatedAt: at },
        });
      }),

    delete: (scope, registrationId) =>
      withStore(async () => {
        await registrations.deleteOne(inTenant<RegistrationDocument>(scope, { _id: registrationId }));
      }),

    markInvitesSent: (scope, registrationIds) =>
      withStore(async () => {
        if (registrationIds.length === 0) return;
        await registrations.updateMany(
          inTenant<RegistrationDocument>(scope, { _id: { $in: registrationIds } }),
          {
            $set: { invite: 'sent' },
          },
        );
      }),

    listSessionsWithPendingInvites: (limit) =>
      withStore(async () => {
        // Across tenants: the calendar worker's pass, longest-waiting first. FerretDB 1.24's $group has no
        // $min or $first, so the distinct sessions are collected while reading, stopping at `limit`.
        const pending = registrations
          .find({ invite: 'pending', status: 'confirmed' }, { projection: { tenantId: 1, sessionId: 1 } })
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
