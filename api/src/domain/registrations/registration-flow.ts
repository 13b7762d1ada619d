import { createError } from '../../errors.js';
import type { BookSessionEvent } from '../calendar/book-session-event.js';
import type { Session, SessionRepository } from '../sessions/session.js';
import type { Actor, IdGenerator, TenantScope } from '../shared/tenant-scope.js';
import type { ApprovalRequests } from './approval-requests.js';
import { changeRegistration, reloadRegistration, type ChangeDeps } from './change-registration.js';
import type { Notifier } from './notifier.js';
import { holdsSeat } from './registration-states.js';
import type { ChangedBy, LeaseStore, Registration, SeatLedger } from './registration.js';

/** Numbers requests that reach this process within one millisecond, in the order they arrived. */
export interface ArrivalCounter {
  next(): number;
}

export function createArrivalCounter(): ArrivalCounter {
  let last = 0;
  return { next: () => ++last };
}

/** Arrival order: the clock, then the per-process counter, then the id (requests of different processes in one millisecond). */
export function compareArrival(a: Pick<Registration, 'arrival' | 'id'>, b: Pick<Registration, 'arrival' | 'id'>): number {
  return a.arrival.at.getTime() - b.arrival.at.getTime() || a.arrival.seq - b.arrival.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface RegistrationLogger {
  warn(details: object, message: string): void;
}

/** What the registration use cases need. */
export interface RegistrationDeps extends ChangeDeps {
  sessions: SessionRepository;
  seats: SeatLedger;
  leases: LeaseStore;
  bookSessionEvent: Pick<BookSessionEvent, 'requestAttendeeSync' | 'requestEventUpdate' | 'requestEventCancellation'>;
  approvals: ApprovalRequests;
  notifier: Notifier;
  ids: IdGenerator;
  arrivals: ArrivalCounter;
  /** Names this process as a lease holder. */
  holderId: string;
  logger: RegistrationLogger;
}

export const bySystem: ChangedBy = { userId: null, role: 'system' };

export function describeError(error: unknown): object {
  return error instanceof Error ? { err: { message: error.message, code: (error as { code?: unknown }).code } } : { err: error };
}

export async function findSession(sessions: SessionRepository, scope: TenantScope, sessionId: string): Promise<Session> {
  const session = await sessions.findById(scope, sessionId);
  if (!session) throw createError('CAMPUS_ERR_SESSION_NOT_FOUND', `session '${sessionId}' does not exist`);
  return session;
}

export function requireOrganizer(actor: Actor, doing: string): void {
  if (!actor.roles.has('organizer')) throw createError('CAMPUS_ERR_FORBIDDEN', `only organizers can ${doing}`);
}

/** Finds a session that still takes registrations, or explains why not. */
export async function findOpenSession(sessions: SessionRepository, scope: TenantScope, sessionId: string, now: Date): Promise<Session> {
  const session = await findSession(sessions, scope, sessionId);
  if (session.status === 'cancelled') throw createError('CAMPUS_ERR_SESSION_NOT_OPEN', 'the session has been cancelled');
  if (session.startsAt <= now) throw createError('CAMPUS_ERR_SESSION_NOT_OPEN', 'the session has already started');
  return session;
}

export function isOpen(session: Session, now: Date): boolean {
  return session.status === 'scheduled' && session.startsAt > now;
}

/** Another session the user holds a seat in whose time overlaps this one's, if any. */
export async function findOverlap(deps: RegistrationDeps, scope: TenantScope, userId: string, session: Session): Promise<Session | null> {
  const held = (await deps.registrations.listByUser(scope, userId)).filter(
    (registration) => registration.sessionId !== session.id && holdsSeat(registration.status),
  );
  if (held.length === 0) return null;
  const others = await deps.sessions.findByIds(
    scope,
    held.map((registration) => registration.sessionId),
  );
  return others.find((other) => other.status === 'scheduled' && other.startsAt < session.endsAt && session.startsAt < other.endsAt) ?? null;
}

export function scheduleConflict(other: Session): Error {
  return createError('CAMPUS_ERR_SCHEDULE_CONFLICT', `the session overlaps “${other.title}” (${other.id}), which you are registered for`, {
    details: { sessionId: other.id },
  });
}

export async function waitlistPosition(deps: Pick<RegistrationDeps, 'registrations'>, registration: Registration): Promise<number> {
  return (await deps.registrations.countWaitlistedBefore(registration, registration.sessionId, registration.arrival, registration.id)) + 1;
}

/**
 * What follows a change, outside the registration itself: a seat given back, the approver asked or told to stand
 * down, the Outlook attendee list brought in line. Returns whether a seat was freed (the caller promotes next).
 */
export async function afterChange(
  deps: RegistrationDeps,
  before: Registration,
  after: Registration,
  session: Session,
  options: { syncCalendar?: boolean } = {},
): Promise<boolean> {
  const scope: TenantScope = after;
  let seatFreed = false;
  if ((after.status === 'cancelled' || after.status === 'declined') && (holdsSeat(before.status) || before.status === 'requested')) {
    await deps.seats.release(scope, session.id, after.id);
    seatFreed = true;
  }
  if (after.status === 'pendingApproval' && before.status !== 'pendingApproval') {
    await deps.approvals.requestApproval(scope, after, session).catch((error: unknown) => {
      deps.logger.warn({ registrationId: after.id, ...describeError(error) }, 'approval not requested yet; the registration stays pending');
    });
  }
  if (before.status === 'pendingApproval' && after.status === 'cancelled') {
    await deps.approvals.withdraw(scope, after.id).catch((error: unknown) => {
      deps.logger.warn({ registrationId: after.id, ...describeError(error) }, 'approval request not withdrawn');
    });
  }
  // A session being cancelled cancels its whole event instead: removing attendees first would mail them twice.
  if ((after.status === 'confirmed' || before.status === 'confirmed') && options.syncCalendar !== false) {
    await deps.bookSessionEvent.requestAttendeeSync(scope, session.id);
  }
  return seatFreed;
}

/** Where a registration goes once it holds a seat: straight in, or to the supervisor first. */
export function seatedStatus(session: Session): 'confirmed' | 'pendingApproval' {
  return session.approval === 'supervisor' ? 'pendingApproval' : 'confirmed';
}

/**
 * Takes a requested registration to its place: a seat (confirmed, or pendingApproval), or the waitlist. Nobody
 * jumps the queue: while anyone waits, a newcomer waits behind them and the promotion pass serves the queue in order.
 * Returns null when another request moved the registration on first.
 */
export async function placeRequested(
  deps: RegistrationDeps,
  registration: Registration,
  session: Session,
  by: ChangedBy,
): Promise<{ registration: Registration; position: number | null } | null> {
  const scope: TenantScope = registration;
  const queued = (await deps.registrations.listWaitlisted(scope, session.id, 1)).length > 0;
  const seat = queued ? null : await deps.seats.claim(scope, session.id, session.capacity, registration.id);
  const after = await changeRegistration(deps, registration, { to: seat === null ? 'waitlisted' : seatedStatus(session), by, seat });
  if (!after) {
    const current = await reloadRegistration(deps, scope, registration.id);
    // The seat this attempt claimed is the winner's too (claims are per registration) unless the winner gave it up.
    if (seat !== null && (current?.status === 'cancelled' || current?.status === 'declined')) await deps.seats.release(scope, session.id, registration.id);
    return null;
  }
  await afterChange(deps, registration, after, session);
  if (after.status !== 'waitlisted') return { registration: after, position: null };
  const position = await waitlistPosition(deps, after);
  await deps.notifier.registrationWaitlisted(scope, after, session, position);
  return { registration: after, position };
}
