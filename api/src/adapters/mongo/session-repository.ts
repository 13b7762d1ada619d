import type { Db, Filter } from 'mongodb';
import { decodePageCursor, encodePageCursor } from '../../domain/shared/page-cursor.js';
import type { Session, SessionPage, SessionRepository } from '../../domain/sessions/session.js';
import { collections, type SessionDocument } from './collections.js';
import { withIdempotentStore } from './store-errors.js';
import { inTenant } from './tenant-filter.js';

function toDocument(session: Session): SessionDocument {
  return {
    _id: session.id,
    tenantId: session.tenantId,
    title: session.title,
    abstract: session.abstract,
    presenter: { ...session.presenter },
    organizerId: session.organizerId,
    start: { ...session.start },
    end: { ...session.end },
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    capacity: session.capacity,
    online: session.online,
    location: session.location,
    status: session.status,
    approval: session.approval,
    cancellation: session.cancellation,
    calendar: { ...session.calendar },
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
  };
}

function toSession(document: SessionDocument): Session {
  return {
    id: document._id,
    tenantId: document.tenantId,
    title: document.title,
    abstract: document.abstract,
    presenter: {
      id: document.presenter.id,
      displayName: document.presenter.displayName,
      mail: document.presenter.mail,
    },
    organizerId: document.organizerId,
    start: { dateTime: document.start.dateTime, timeZone: document.start.timeZone },
    end: { dateTime: document.end.dateTime, timeZone: document.end.timeZone },
    startsAt: document.startsAt,
    endsAt: document.endsAt,
    capacity: document.capacity,
    online: document.online,
    location: document.location ?? null,
    status: document.status,
    approval: document.approval ?? 'none',
    cancellation: document.cancellation ?? null,
    calendar: {
      ownerId: document.calendar.ownerId,
      transactionId: document.calendar.transactionId,
      eventId: document.calendar.eventId ?? null,
      joinUrl: document.calendar.joinUrl ?? null,
      // Present only while an update is owed, as on sessions made before it existed.
      ...(document.calendar.pendingUpdate ? { pendingUpdate: document.calendar.pendingUpdate } : {}),
    },
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}

/** The listUpcoming cursor: the sort key (startsAt, id) of the last session of the previous page. */
interface PageCursor {
  startsAt: Date;
  id: string;
}

function encodeCursor(session: Session): string {
  return encodePageCursor([session.startsAt.getTime(), session.id]);
}

function decodeCursor(cursor: string): PageCursor {
  return decodePageCursor(cursor, ([time, id, ...rest]) =>
    typeof time === 'number' && Number.isFinite(time) && typeof id === 'string' && rest.length === 0
      ? { startsAt: new Date(time), id }
      : null,
  );
}

/** Sessions on MongoDB/FerretDB; every query is filtered by the caller's tenant. */
export function createSessionRepository(db: Db): SessionRepository {
  const { sessions } = collections(db);
  return {
    insert: (session) =>
      withIdempotentStore(async () => {
        await sessions.insertOne(toDocument(session));
      }),

    findById: (scope, id) =>
      withIdempotentStore(async () => {
        // A bare _id filter, which FerretDB serves from its key; the tenant is checked on the document.
        const document = await sessions.findOne({ _id: id });
        return document && document.tenantId === scope.tenantId ? toSession(document) : null;
      }),

    findByIds: (scope, ids) =>
      withIdempotentStore(async () => {
        if (ids.length === 0) return [];
        const documents = await sessions.find(inTenant(scope, { _id: { $in: ids } })).toArray();
        return documents.map(toSession);
      }),

    listUpcoming: (scope, query) =>
      withIdempotentStore(async (): Promise<SessionPage> => {
        const after = query.cursor === null ? null : decodeCursor(query.cursor);
        const filter = inTenant<SessionDocument>(scope, { status: 'scheduled', endsAt: { $gt: query.from } });
        if (after) {
          filter.$or = [
            { startsAt: { $gt: after.startsAt } },
            { startsAt: after.startsAt, _id: { $gt: after.id } },
          ];
        }
        // One extra document tells whether another page follows.
        const documents = await sessions
          .find(filter)
          .sort({ startsAt: 1, _id: 1 })
          .limit(query.limit + 1)
          .toArray();
        const page = documents.slice(0, query.limit).map(toSession);
        const last = page.at(-1);
        return {
          sessions: page,
          nextCursor: documents.length > query.limit && last ? encodeCursor(last) : null,
        };
      }),

    listAwaitingCalendarEvent: (scope, limit) =>
      withIdempotentStore(async () => {
        const filter: Filter<SessionDocument> = { 'calendar.eventId': null, status: 'scheduled' };
        const documents = await sessions
          .find(scope ? inTenant(scope, filter) : filter)
          .sort({ startsAt: 1, _id: 1 })
          .limit(limit)
          .toArray();
        return documents.map(toSession);
      }),

    update: (scope, id, { pendingUpdate, ...changes }) =>
      withIdempotentStore(async () => {
        // One write for the change and its pending Outlook update: a crash cannot keep one without the other.
        await sessions.updateOne(inTenant(scope, { _id: id }), {
          $set: {
            ...changes,
            ...(pendingUpdate === undefined ? {} : { 'calendar.pendingUpdate': pendingUpdate }),
          },
        });
      }),

    markCancelled: (scope, id, cancellation, updateId) =>
      withIdempotentStore(async () => {
        await sessions.updateOne(inTenant(scope, { _id: id }), {
          $set: {
            status: 'cancelled',
            cancellation,
            updatedAt: cancellation.at,
            'calendar.pendingUpdate': updateId,
          },
        });
      }),

    listPendingEventUpdates: (from, limit) =>
      withIdempotentStore(async () => {
        const documents = await sessions
          .find({
            status: { $in: ['scheduled', 'cancelled'] },
            startsAt: { $gt: from },
            'calendar.pendingUpdate': { $ne: null },
          })
          .sort({ startsAt: 1, _id: 1 })
          .limit(limit)
          .toArray();
        return documents.map(toSession);
      }),

    clearPendingUpdate: (scope, id, updateId) =>
      withIdempotentStore(async () => {
        await sessions.updateOne(inTenant(scope, { _id: id, 'calendar.pendingUpdate': updateId }), {
          $set: { 'calendar.pendingUpdate': null },
        });
      }),

    listOverlapping: (scope, startsAt, endsAt) =>
      withIdempotentStore(async () => {
        const documents = await sessions
          .find(
            inTenant<SessionDocument>(scope, {
              status: 'scheduled',
              startsAt: { $lt: endsAt },
              endsAt: { $gt: startsAt },
            }),
          )
          .toArray();
        return documents.map(toSession);
      }),

    listOpenAcrossTenants: (from, limit) =>
      withIdempotentStore(async () => {
        const documents = await sessions
          .find({ status: 'scheduled', startsAt: { $gt: from } })
          .sort({ startsAt: 1, _id: 1 })
          .limit(limit)
          .toArray();
        return documents.map(toSession);
      }),

    recordCalendarEvent: (scope, id, event) =>
      withIdempotentStore(async () => {
        await sessions.updateOne(inTenant(scope, { _id: id }), {
          $set: { 'calendar.eventId': event.eventId, 'calendar.joinUrl': event.joinUrl },
        });
      }),
  };
}
