import { MongoServerError, type Db, type IndexDescription } from 'mongodb';
import type { collectionNames } from './collections.js';
import { withStore } from './store-errors.js';

/** The outbox's (outbox-store.ts), for the Graph outbox and the Teams notices alike. */
const outboxIndexes: IndexDescription[] = [
  // Recording an intent is an insert into the unique _id (its idempotency key); no other unique index.
  // listOpenByTarget: { tenantId, target, status: { $in: open } } by createdAt.
  { name: 'tenant_target_status_createdAt', key: { tenantId: 1, target: 1, status: 1, createdAt: 1 } },
  // listDueTargets (the worker): { status: { $in: open }, nextAttemptAt <= now } by nextAttemptAt.
  { name: 'status_nextAttemptAt', key: { status: 1, nextAttemptAt: 1 } },
  // purgeDone: { status: 'done', updatedAt < before }.
  { name: 'status_updatedAt', key: { status: 1, updatedAt: 1 } },
];

/**
 * Every index Campus queries rely on, by collection. Unique indexes carry invariants (one registration per
 * user and session, one holder per seat, one seat per registration); FerretDB applies conditional updates
 * without isolation, so these invariants rest on inserts into unique indexes alone.
 * FerretDB 1.24 does not implement partial indexes: none is used.
 */
const indexes: Record<keyof typeof collectionNames, IndexDescription[]> = {
  sessions: [
    // listUpcoming: { tenantId, status: 'scheduled', endsAt > from } sorted by startsAt, _id, paged by cursor;
    // listOverlapping: { tenantId, status: 'scheduled', startsAt < end, endsAt > start }.
    { name: 'tenant_status_startsAt_id', key: { tenantId: 1, status: 1, startsAt: 1, _id: 1 } },
    // listAwaitingCalendarEvent: { 'calendar.eventId': null, status: 'scheduled' [, tenantId] } by startsAt.
    { name: 'awaiting_calendar_event', key: { 'calendar.eventId': 1, status: 1, startsAt: 1 } },
    // listOpenAcrossTenants (the registration worker): { status: 'scheduled', startsAt > from } by startsAt, _id.
    { name: 'status_startsAt', key: { status: 1, startsAt: 1, _id: 1 } },
  ],
  registrations: [
    // insert (one registration per user and session), findByUser, listBySession (prefix tenantId, sessionId).
    { name: 'tenant_session_user_unique', key: { tenantId: 1, sessionId: 1, userId: 1 }, unique: true },
    // listByUser: { tenantId, userId }.
    { name: 'tenant_user', key: { tenantId: 1, userId: 1 } },
    // listSessionsWithPendingInvites: { invite: 'pending', status: 'confirmed' } or { invite: 'sent', status: $nin },
    // grouped by tenantId, sessionId.
    { name: 'pending_invites', key: { invite: 1, status: 1, tenantId: 1, sessionId: 1 } },
    // listWaitlisted: { tenantId, sessionId, status: 'waitlisted' } in arrival order.
    {
      name: 'tenant_session_status_arrival',
      key: { tenantId: 1, sessionId: 1, status: 1, 'arrival.at': 1, 'arrival.seq': 1, _id: 1 },
    },
    // listUnsettled (the registration worker): { status: { $in: passing states }, updatedAt < before } by updatedAt.
    { name: 'status_updatedAt', key: { status: 1, updatedAt: 1 } },
  ],
  seats: [
    // claim (a seat has one holder), release, countTaken (prefix tenantId, sessionId).
    { name: 'tenant_session_seat_unique', key: { tenantId: 1, sessionId: 1, seat: 1 }, unique: true },
    // claim is idempotent per registration: a registration holds at most one seat.
    { name: 'tenant_registration_unique', key: { tenantId: 1, registrationId: 1 }, unique: true },
  ],
  leases: [
    // tryAcquire: the latest grant of a key ({ key } by epoch descending); release: { key, holder, expiresAt }.
    // Exclusivity itself rests on _id (`${key}#${epoch}`).
    { name: 'key_epoch', key: { key: 1, epoch: -1 } },
  ],
  // Read and written by _id alone (`${registrationId}#${version}`): append decides racing changes on it, find and
  // listByRegistration look entries up by it.
  registrationHistory: [],
  notifications: [
    // listByUser: { tenantId, userId } newest first. A repeated notification is refused by the unique _id.
    { name: 'tenant_user_createdAt', key: { tenantId: 1, userId: 1, createdAt: -1, _id: -1 } },
  ],
  outbox: outboxIndexes,
  // One document per target, read and written by _id (`${tenantId}:${target}`).
  outboxTargets: [],
  // Teams notices: the outbox's queries on a collection of their own (createOutboxStore(db, 'teamsOutbox')).
  teamsOutbox: outboxIndexes,
  approvalRequests: [
    // insert (one request per registration round), findByRegistration, listOpenByRegistration (prefix tenantId, registrationId).
    {
      name: 'tenant_registration_round_unique',
      key: { tenantId: 1, registrationId: 1, round: 1 },
      unique: true,
    },
    // listPendingByApprovers: { tenantId, status: 'pending', approverKey: { $in } } by session.startsAt; listDecided's
    // approver branch: { tenantId, status: { $in: decided }, approverKey: { $in } } by decision.decidedAt.
    { name: 'tenant_status_approver', key: { tenantId: 1, status: 1, approverKey: 1 } },
    // listDecided's decider branch: { tenantId, status: { $in: decided }, 'decision.decidedBy.userId' }.
    { name: 'tenant_status_decider', key: { tenantId: 1, status: 1, 'decision.decidedBy.userId': 1 } },
    // listResolving (the worker): { status: 'resolving', requestedAt < before }.
    { name: 'status_requestedAt', key: { status: 1, requestedAt: 1 } },
    // listDueReminders (the worker): { status: 'pending', remindedAt: null, remindAt <= now }.
    { name: 'status_remindedAt_remindAt', key: { status: 1, remindedAt: 1, remindAt: 1 } },
    // listExpired (the worker): { status: { $in: open }, expiresAt <= now }.
    { name: 'status_expiresAt', key: { status: 1, expiresAt: 1 } },
  ],
  approvalDecisions: [
    // One decision per request rests on _id (`${tenantId}:${approvalId}`). listUnapplied (the worker): { applied: false, decidedAt < before }.
    { name: 'applied_decidedAt', key: { applied: 1, decidedAt: 1 } },
  ],
  // A message sent once is an insert into _id (`${tenantId}:${key}`); nothing else reads it.
  approvalNotices: [],
  approvalSettings: [
    // Read and written by _id (`${tenantId}:${userId}`). listByDelegate: { tenantId, delegateKey }.
    { name: 'tenant_delegateKey', key: { tenantId: 1, delegateKey: 1 } },
  ],
  // One conversation per person, read and written by _id (`${tenantId}:${userId}`).
  teamsConversations: [],
  directoryPeople: [
    // listReports: { tenantId, managerId, deleted: false }.
    { name: 'tenant_manager', key: { tenantId: 1, managerId: 1 } },
    // listManagerLinksUnder (everyone below a person, any depth): { tenantId, managerChain: { $in } }.
    { name: 'tenant_managerChain', key: { tenantId: 1, managerChain: 1 } },
    // markDeletedUnlessSyncedSince: { tenantId, deleted: false, syncedAt < since } after a full round.
    { name: 'tenant_syncedAt', key: { tenantId: 1, syncedAt: 1 } },
  ],
  // One state per tenant, read and written by _id (the tenant id).
  directorySyncStates: [],
  // Staged pages are read, written and removed by _id (tenant and page number).
  directoryStaging: [],
  directoryEnrichmentQueue: [
    // countEnrichment: { tenantId } (batches themselves are read and written by _id: tenant and number).
    { name: 'tenant', key: { tenantId: 1 } },
  ],
  audiences: [
    // insert and update (one audience per name and tenant, names lower-cased); list: { tenantId, nameKey > after } by nameKey.
    { name: 'tenant_nameKey_unique', key: { tenantId: 1, nameKey: 1 }, unique: true },
  ],
  audienceGroupMembers: [
    // A group's cached list is read by _id; save drops the chunks of earlier fetches: { tenantId, groupId, kind, generation }.
    { name: 'tenant_group_kind_generation', key: { tenantId: 1, groupId: 1, kind: 1, generation: 1 } },
  ],
};

const namespaceExists = 48;

/**
 * Creates the collections and indexes if missing. Idempotent, and safe when two processes start at once:
 * creating an existing index with the same definition is a no-op.
 * FerretDB 1.24 drops the connection (an internal panic) when one createIndexes command lists several indexes
 * that all exist already, so indexes are created one per command, in a collection created beforehand.
 */
export async function ensureIndexes(db: Db): Promise<void> {
  await withStore(async () => {
    for (const [name, descriptions] of Object.entries(indexes)) {
      await db.createCollection(name).catch((error: unknown) => {
        if (!(error instanceof MongoServerError && error.code === namespaceExists)) throw error;
      });
      for (const description of descriptions) await db.collection(name).createIndexes([description]);
    }
  });
}
