import { createMailDelivery } from '../outbox/deliver-mail.js';
import { createOutbox, type DeliveryReport, type OutboxDeps } from '../outbox/create-outbox.js';
import type { OutboxIntent, OutboxStore } from '../outbox/outbox.js';
import type { MailGateway, OutgoingMail } from '../outbox/outgoing-mail.js';
import { owesInvite, owesWithdrawal, type RegistrationRepository } from '../registrations/registration.js';
import type { Session, SessionRepository } from '../sessions/session.js';
import type { Clock, IdGenerator, TenantScope } from '../shared/tenant-scope.js';
import type { CalendarGateway } from './calendar-gateway.js';
import { createEventDelivery, eventTarget } from './deliver-event.js';

export interface BookingLogger {
  warn(details: object, message: string): void;
}

export interface BookSessionEventDeps {
  calendar: CalendarGateway;
  mail: MailGateway;
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  outbox: OutboxStore;
  clock: Clock;
  ids: IdGenerator;
  /** Names this process as a claim holder. */
  holderId: string;
  logger: BookingLogger;
  /** Test seams of the outbox: jitter and the claim heartbeat. */
  outboxTiming?: Pick<OutboxDeps, 'random' | 'heartbeat' | 'claimTtlMs'>;
}

/** What a worker pass did. */
export interface PendingWorkReport extends DeliveryReport {
  /** Sessions whose attendee list was written to Outlook (kept under this name for existing callers). */
  sessionsSynced: number;
}

/**
 * The calendar booking port the registration, session and approval use cases call. Every request is durable:
 * it is recorded in the outbox, then delivered now if Graph answers, else by the worker, with retries; none
 * throws for a Graph failure (a store failure does throw: the caller's request then fails and may be repeated).
 * Call each one right after storing the change it reflects. The window between that write and the request is
 * covered by the data itself: a session without event id (creation), a registration whose invite disagrees with its
 * state (an attendee to add or remove, see owesInvite and owesWithdrawal), a session whose calendar.pendingUpdate is
 * set (a new time, title or text, or a cancellation). The worker finds all of them.
 */
export interface BookSessionEvent {
  /** Creates the session's Outlook event (with its Teams meeting); returns the session as stored afterwards. */
  tryNow(session: Session): Promise<Session>;
  /**
   * After any registration change: the event's attendee list becomes the session's confirmed registrations,
   * sent whole, so only the attendees that changed hear from Outlook. Marks their invites sent.
   */
  requestAttendeeSync(scope: TenantScope, sessionId: string): Promise<void>;
  /** After a change of time, title or place: every attendee receives the updated meeting. */
  requestEventUpdate(scope: TenantScope, sessionId: string): Promise<void>;
  /** After the session is cancelled (status stored first): Outlook cancels the meeting for everyone, with this message. */
  requestEventCancellation(scope: TenantScope, sessionId: string, message: string): Promise<void>;
  /** Sends a mail once per idempotency key, however often it is requested (e.g. `approval-request:{registrationId}`). */
  requestMail(scope: TenantScope, message: OutgoingMail, idempotencyKey: string): Promise<void>;
  /** The worker's pass: finds work the data implies, then delivers what is due. */
  processPending(limit: number): Promise<PendingWorkReport>;
  /** Resolves when this process has no delivery running in background (shutdown, tests). */
  idle(): Promise<void>;
}

/**
 * How often the worker looks for intents the data implies. They exist only after a crash between a change and its
 * request, so a minute's delay is fine, and the scan of registrations is spared the store on every pass.
 */
const RECONCILE_EVERY_MS = 60_000;

/** FNV-1a, 32 bits, in hex: a short stable key for a set of ids. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++)
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Books sessions into Outlook through the durable outbox (see createOutbox and createEventDelivery). */
export function createBookSessionEvent(deps: BookSessionEventDeps): BookSessionEvent {
  const outbox = createOutbox({
    store: deps.outbox,
    clock: deps.clock,
    holderId: deps.holderId,
    logger: deps.logger,
    handlers: {
      event: createEventDelivery(deps),
      mail: createMailDelivery({
        mail: deps.mail,
        store: deps.outbox,
        clock: deps.clock,
        logger: deps.logger,
      }),
    },
    ...deps.outboxTiming,
  });

  async function request(
    scope: TenantScope,
    key: string,
    target: string,
    intent: OutboxIntent,
  ): Promise<void> {
    await outbox.enqueue(scope, `${scope.tenantId}:${key}`, target, intent);
    await outbox.deliverNow(scope, target);
  }

  function requestAttendeeSync(scope: TenantScope, sessionId: string): Promise<void> {
    // A key per request: each change is its own intent, and the holder delivers all open ones in one write.
    return request(scope, `event.attendees:${sessionId}:${deps.ids.newId()}`, eventTarget(sessionId), {
      kind: 'event.attendees',
      sessionId,
    });
  }

  let nextReconcileAt = 0;
  /** Intents the data implies but whose request a crash may have prevented; none while the target has open work. */
  async function reconcile(limit: number): Promise<void> {
    const idle = async (scope: TenantScope, sessionId: string) =>
      (await deps.outbox.listOpenByTarget(scope, eventTarget(sessionId))).length === 0;
    for (const session of await deps.sessions.listAwaitingCalendarEvent(null, limit)) {
      await outbox.enqueue(
        session,
        `${session.tenantId}:event.create:${session.id}`,
        eventTarget(session.id),
        { kind: 'event.create', sessionId: session.id },
      );
    }
    // A change of time, title or text, or a cancellation, stored with its update still owed to Outlook.
    for (const session of await deps.sessions.listPendingEventUpdates(deps.clock.now(), limit)) {
      if (!(await idle(session, session.id))) continue;
      const intent: OutboxIntent =
        session.status === 'cancelled'
          ? { kind: 'event.cancel', sessionId: session.id, message: session.cancellation?.message ?? '' }
          : { kind: 'event.update', sessionId: session.id };
      const key = `${session.tenantId}:${intent.kind}:${session.id}:pending-${session.calendar.pendingUpdate ?? ''}`;
      await outbox.enqueue(session, key, eventTarget(session.id), intent);
    }
    for (const { tenantId, sessionId } of await deps.registrations.listSessionsWithPendingInvites(limit)) {
      const scope = { tenantId };
      if (!(await idle(scope, sessionId))) continue;
      // Who is owed an invitation (+) or its withdrawal (-): a confirmation or a cancellation whose sync was lost.
      const owed = (await deps.registrations.listBySession(scope, sessionId))
        .flatMap((registration) =>
          owesInvite(registration)
            ? [`+${registration.id}`]
            : owesWithdrawal(registration)
              ? [`-${registration.id}`]
              : [],
        )
        .sort();
      // Keyed by the owed set: after a delivery given up on, the same set is not tried again every pass.
      const key = `${tenantId}:event.attendees:${sessionId}:invites-${shortHash(owed.join(','))}`;
      await outbox.enqueue(scope, key, eventTarget(sessionId), { kind: 'event.attendees', sessionId });
    }
  }

  return {
    async tryNow(session) {
      await request(session, `event.create:${session.id}`, eventTarget(session.id), {
        kind: 'event.create',
        sessionId: session.id,
      });
      return (await deps.sessions.findById(session, session.id)) ?? session;
    },
    requestAttendeeSync,
    requestEventUpdate: (scope, sessionId) =>
      request(scope, `event.update:${sessionId}:${deps.ids.newId()}`, eventTarget(sessionId), {
        kind: 'event.update',
        sessionId,
      }),
    requestEventCancellation: (scope, sessionId, message) =>
      request(scope, `event.cancel:${sessionId}`, eventTarget(sessionId), {
        kind: 'event.cancel',
        sessionId,
        message,
      }),
    requestMail: (scope, mail, idempotencyKey) =>
      request(scope, `mail:${idempotencyKey}`, `mail:${idempotencyKey}`, { kind: 'mail.send', mail }),
    async processPending(limit) {
      const now = deps.clock.now().getTime();
      if (now >= nextReconcileAt) {
        await reconcile(limit);
        nextReconcileAt = now + RECONCILE_EVERY_MS;
      }
      const report = await outbox.processDue(limit);
      return { ...report, sessionsSynced: report.attendeesSynced };
    },
    idle: () => outbox.idle(),
  };
}
