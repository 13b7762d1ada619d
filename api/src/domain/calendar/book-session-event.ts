import type { RegistrationRepository, LeaseStore } from '../registrations/registration.js';
import type { Session, SessionRepository } from '../sessions/session.js';
import type { TenantScope } from '../shared/tenant-scope.js';
import type { MailGateway, OutgoingMail } from '../outbox/outgoing-mail.js';
import type { CalendarGateway, EventAttendee, EventDetails } from './calendar-gateway.js';

export interface BookingLogger {
  warn(details: object, message: string): void;
}

export interface BookSessionEventDeps {
  calendar: CalendarGateway;
  mail: MailGateway;
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  leases: LeaseStore;
  /** Names this process as a lease holder. */
  holderId: string;
  logger: BookingLogger;
}

/** How long one process may hold an event's attendee lease before another may take over (covers Graph retries). */
const ATTENDEE_LEASE_MS = 60_000;
/** Rounds of "send, then look for registrations that arrived meanwhile" one holder does before leaving the rest to the worker. */
const MAX_SYNC_ROUNDS = 20;

/**
 * The calendar booking port the registration, session and approval use cases call. Every request is durable:
 * it is recorded, then delivered now if Graph answers, else by the worker, with retries; none throws for a
 * Graph failure. Call each one right after storing the change it reflects.
 */
export interface BookSessionEvent {
  /** Creates the session's Outlook event if it has none yet; on failure logs and leaves it to the worker. */
  tryNow(session: Session): Promise<Session>;
  /** Same as requestAttendeeSync (kept for existing callers). */
  trySyncAttendees(scope: TenantScope, sessionId: string): Promise<void>;
  /**
   * After any registration change: the event's attendee list becomes the session's confirmed registrations,
   * sent whole, so only the attendees that changed hear from Outlook. Marks their invites sent.
   */
  requestAttendeeSync(scope: TenantScope, sessionId: string): Promise<void>;
  /** After a change of time, title or place: every attendee receives the updated meeting. */
  requestEventUpdate(scope: TenantScope, sessionId: string): Promise<void>;
  /** After the session is cancelled: Outlook cancels the meeting for everyone, with this message. */
  requestEventCancellation(scope: TenantScope, sessionId: string, message: string): Promise<void>;
  /**
   * Sends a mail once per idempotency key, however often it is requested (e.g. `approval-request:{registrationId}`).
   */
  requestMail(scope: TenantScope, message: OutgoingMail, idempotencyKey: string): Promise<void>;
  /** The worker's pass: events not yet created, then attendees not yet invited. */
  processPending(limit: number): Promise<{ eventsCreated: number; sessionsSynced: number }>;
}

function describe(error: unknown): object {
  return error instanceof Error ? { err: { message: error.message, code: (error as { code?: unknown }).code } } : { err: error };
}

/**
 * Books sessions into Outlook. Database state is the truth and Graph is brought in line with it:
 * the event is created with the session id as transactionId (idempotent), and the attendee list is always
 * sent whole, computed from confirmed registrations, so a replay after a crash or a retry changes nothing twice.
 * Attendee writes to one event are serialized by a lease, because each write replaces the whole list.
 */
export function createBookSessionEvent(deps: BookSessionEventDeps): BookSessionEvent {
  async function ensureEvent(session: Session): Promise<Session> {
    if (session.calendar.eventId) return session;
    const created = await deps.calendar.createEvent(session, {
      ownerId: session.calendar.ownerId,
      transactionId: session.calendar.transactionId,
      ...eventDetails(session),
    });
    await deps.sessions.recordCalendarEvent(session, session.id, created);
    return { ...session, calendar: { ...session.calendar, eventId: created.eventId, joinUrl: created.joinUrl } };
  }

  async function confirmedAttendees(scope: TenantScope, sessionId: string) {
    const registrations = await deps.registrations.listBySession(scope, sessionId);
    const confirmed = registrations.filter((registration) => registration.status === 'confirmed');
    const attendees: EventAttendee[] = confirmed.map((registration) => ({ email: registration.mail, name: registration.displayName }));
    return { confirmed, attendees };
  }

  async function sendAttendees(scope: TenantScope, sessionId: string): Promise<boolean> {
    const found = await deps.sessions.findById(scope, sessionId);
    if (!found) return false;
    const session = await ensureEvent(found);
    const { confirmed, attendees } = await confirmedAttendees(scope, sessionId);
    await deps.calendar.replaceAttendees(scope, session.calendar.ownerId, session.calendar.eventId!, attendees);
    const newlyInvited = confirmed.filter((registration) => registration.invite === 'pending').map((r) => r.id);
    if (newlyInvited.length > 0) await deps.registrations.markInvitesSent(scope, newlyInvited);
    return true;
  }

  async function hasPendingInvites(scope: TenantScope, sessionId: string): Promise<boolean> {
    const registrations = await deps.registrations.listBySession(scope, sessionId);
    return registrations.some((registration) => registration.status === 'confirmed' && registration.invite === 'pending');
  }

  let acquisitions = 0;
  async function syncAttendees(scope: TenantScope, sessionId: string): Promise<boolean> {
    const key = `event-attendees:${scope.tenantId}:${sessionId}`;
    for (let round = 0; round < MAX_SYNC_ROUNDS; round++) {
      // One holder name per acquisition, so a late release of an expired grant cannot end a newer one of this process.
      const holder = `${deps.holderId}#${++acquisitions}`;
      // Whoever holds the lease will see our registration: it re-reads after every write and after releasing.
      if (!(await deps.leases.tryAcquire(key, holder, ATTENDEE_LEASE_MS))) return false;
      try {
        await sendAttendees(scope, sessionId);
      } finally {
        await deps.leases.release(key, holder);
      }
      if (!(await hasPendingInvites(scope, sessionId))) return true;
    }
    return false;
  }

  async function trySyncAttendees(scope: TenantScope, sessionId: string): Promise<void> {
    try {
      await syncAttendees(scope, sessionId);
    } catch (error) {
      deps.logger.warn({ sessionId, ...describe(error) }, 'attendees not sent to Outlook yet; the calendar worker will retry');
    }
  }

  return {
    trySyncAttendees,
    requestAttendeeSync: trySyncAttendees,
    async requestEventUpdate(scope, sessionId) {
      const session = await deps.sessions.findById(scope, sessionId);
      if (!session?.calendar.eventId) return;
      const { attendees } = await confirmedAttendees(scope, sessionId);
      await deps.calendar.updateEvent(scope, session.calendar.ownerId, session.calendar.eventId, eventDetails(session), attendees);
    },
    async requestEventCancellation(scope, sessionId, message) {
      const session = await deps.sessions.findById(scope, sessionId);
      if (!session?.calendar.eventId) return;
      await deps.calendar.cancelEvent(scope, session.calendar.ownerId, session.calendar.eventId, message);
    },
    async requestMail(scope, message) {
      await deps.mail.sendMail(scope, message);
    },
    async tryNow(session) {
      try {
        return await ensureEvent(session);
      } catch (error) {
        deps.logger.warn({ sessionId: session.id, ...describe(error) }, 'Outlook event not created yet; the calendar worker will retry');
        return session;
      }
    },
    async processPending(limit) {
      let eventsCreated = 0;
      let sessionsSynced = 0;
      for (const session of await deps.sessions.listAwaitingCalendarEvent(null, limit)) {
        try {
          await ensureEvent(session);
          eventsCreated++;
        } catch (error) {
          deps.logger.warn({ sessionId: session.id, ...describe(error) }, 'Outlook event still not created');
        }
      }
      for (const { tenantId, sessionId } of await deps.registrations.listSessionsWithPendingInvites(limit)) {
        try {
          if (await syncAttendees({ tenantId }, sessionId)) sessionsSynced++;
        } catch (error) {
          deps.logger.warn({ sessionId, ...describe(error) }, 'attendees still not sent to Outlook');
        }
      }
      return { eventsCreated, sessionsSynced };
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function eventDetails(session: Session): EventDetails {
  return {
    subject: session.title,
    bodyHtml: eventBody(session),
    start: session.start,
    end: session.end,
    online: session.online,
    location: session.location,
  };
}

function eventBody(session: Session): string {
  return [
    `<p>${escapeHtml(session.abstract).replace(/\n/g, '<br>')}</p>`,
    `<p>Presented by ${escapeHtml(session.presenter.displayName)} · a Campus peer-learning session</p>`,
  ].join('');
}
