import { createError } from '../../errors.js';
import type { BookSessionEvent } from '../calendar/book-session-event.js';
import type { Session, SessionRepository } from '../sessions/session.js';
import type { Actor, Clock, IdGenerator } from '../shared/tenant-scope.js';
import type { Registration, RegistrationRepository, SeatLedger } from './registration.js';

export interface RegisterForSessionDeps {
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  seats: SeatLedger;
  bookSessionEvent: BookSessionEvent;
  clock: Clock;
  ids: IdGenerator;
}

/** Finds a session the actor may register for, or explains why not. */
export async function findOpenSession(sessions: SessionRepository, actor: Actor, sessionId: string, now: Date): Promise<Session> {
  const session = await sessions.findById(actor, sessionId);
  if (!session) throw createError('CAMPUS_ERR_SESSION_NOT_FOUND', `session '${sessionId}' does not exist`);
  if (session.status === 'cancelled') throw createError('CAMPUS_ERR_SESSION_NOT_OPEN', 'the session has been cancelled');
  if (session.startsAt <= now) throw createError('CAMPUS_ERR_SESSION_NOT_OPEN', 'the session has already started');
  return session;
}

/**
 * The actor registers for a session. The registration record is written first as 'requested'; it anchors
 * retries, so a request repeated after a crash completes the same registration instead of making a second one.
 * The seat comes from the seat ledger's unique index, which keeps capacity exact under concurrency.
 */
export async function registerForSession(
  deps: RegisterForSessionDeps,
  actor: Actor,
  sessionId: string,
): Promise<{ registration: Registration; session: Session }> {
  const now = deps.clock.now();
  const session = await findOpenSession(deps.sessions, actor, sessionId, now);
  const registration = await openRegistration(deps, actor, session, now);
  const seat = await deps.seats.claim(actor, session.id, session.capacity, registration.id);
  if (seat === null) {
    await deps.registrations.delete(actor, registration.id);
    throw createError('CAMPUS_ERR_SESSION_FULL', `all ${session.capacity} seats of the session are taken`);
  }
  await deps.registrations.confirm(actor, registration.id, seat, now);
  await deps.bookSessionEvent.trySyncAttendees(actor, session.id);
  const stored = await deps.registrations.findByUser(actor, session.id, actor.userId);
  return { registration: stored ?? { ...registration, status: 'confirmed', seat }, session };
}

async function openRegistration(deps: RegisterForSessionDeps, actor: Actor, session: Session, now: Date): Promise<Registration> {
  const fresh: Registration = {
    id: deps.ids.newId(),
    tenantId: actor.tenantId,
    sessionId: session.id,
    userId: actor.userId,
    displayName: actor.displayName,
    mail: actor.mail,
    status: 'requested',
    seat: null,
    invite: 'pending',
    createdAt: now,
    updatedAt: now,
  };
  const existing =
    (await deps.registrations.findByUser(actor, session.id, actor.userId)) ??
    ((await deps.registrations.insert(fresh)) === 'inserted'
      ? null
      : await deps.registrations.findByUser(actor, session.id, actor.userId));
  if (!existing) return fresh;
  if (existing.status === 'confirmed') {
    throw createError('CAMPUS_ERR_ALREADY_REGISTERED', 'you are already registered for this session');
  }
  return existing;
}
