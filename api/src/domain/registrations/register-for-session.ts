import { createError } from '../../errors.js';
import type { Session } from '../sessions/session.js';
import type { Actor } from '../shared/tenant-scope.js';
import { changeRegistration, describeStatus, reloadRegistration } from './change-registration.js';
import { tryPromote } from './promote-waitlisted.js';
import {
  findOpenSession,
  findOverlap,
  findRegistrationOf,
  placeRequested,
  scheduleConflict,
  type RegistrationDeps,
} from './registration-flow.js';
import { registrationIdFor } from './registration-id.js';
import { isLive } from './registration-states.js';
import type { Arrival, ChangedBy, Registration } from './registration.js';

export interface RegisterResult {
  registration: Registration;
  session: Session;
  /** Place on the waitlist (1 = next), or null when the registration holds a seat. */
  position: number | null;
}

async function alreadyRegistered(deps: RegistrationDeps, registration: Registration | null): Promise<Error> {
  const where =
    registration?.status === 'waitlisted'
      ? `on the waitlist for this session (number ${(await deps.positions.of(registration)) ?? '?'})`
      : `registered for this session (${registration ? describeStatus(registration.status) : 'being registered'})`;
  return createError('CAMPUS_ERR_ALREADY_REGISTERED', `you are already ${where}`, {
    details: registration ? { registrationId: registration.id, status: registration.status } : {},
  });
}

/**
 * The actor registers for a session: they get a seat (confirmed, or pendingApproval when the session needs their
 * supervisor's approval) or a place on the waitlist. The record is written first as 'requested'; it anchors
 * retries, so a request repeated after a crash completes the same registration instead of making a second one.
 * Someone whose registration was cancelled or declined may register again; they join at the back.
 */
export async function registerForSession(deps: RegistrationDeps, actor: Actor, sessionId: string): Promise<RegisterResult> {
  // Arrival is taken first, before any waiting on the store, so it is the order in which requests reached us.
  const arrival: Arrival = { at: deps.clock.now(), seq: deps.arrivals.next() };
  const session = await findOpenSession(deps.sessions, actor, sessionId, arrival.at);
  const existing = await reloadRegistration(deps, actor, registrationIdFor(actor.tenantId, session.id, actor.userId));
  if (existing && existing.status !== 'requested' && (isLive(existing.status) || existing.status === 'attended' || existing.status === 'noShow')) {
    throw await alreadyRegistered(deps, existing);
  }
  const overlap = await findOverlap(deps, actor, actor.userId, session);
  if (overlap) throw scheduleConflict(overlap);

  const employee: ChangedBy = { userId: actor.userId, role: 'employee' };
  const registration = await openRegistration(deps, actor, session, arrival, existing ?? null);
  const placed = await placeRequested(deps, registration, session, employee);
  if (!placed) throw await alreadyRegistered(deps, await reloadRegistration(deps, actor, registration.id));
  if (placed.position !== null) {
    // A seat may have freed while this request joined the queue: make sure someone takes it.
    const taken = (await deps.seats.countTaken(actor, [session.id])).get(session.id) ?? 0;
    if (taken < session.capacity) await tryPromote(deps, actor, session.id);
  }
  // Read back: the calendar booking may have sent the invitation, or a promotion taken the person off the waitlist.
  const settled = (await reloadRegistration(deps, actor, registration.id)) ?? placed.registration;
  return { registration: settled, session, position: settled.status === 'waitlisted' ? await deps.positions.of(settled) : null };
}

async function openRegistration(deps: RegistrationDeps, actor: Actor, session: Session, arrival: Arrival, existing: Registration | null): Promise<Registration> {
  if (existing?.status === 'requested') return existing;
  const employee: ChangedBy = { userId: actor.userId, role: 'employee' };
  if (existing) {
    const again = await changeRegistration(deps, existing, { to: 'requested', by: employee, arrival, reason: 'registered again' });
    if (!again) throw await alreadyRegistered(deps, await reloadRegistration(deps, actor, existing.id));
    return again;
  }
  const fresh: Registration = {
    id: registrationIdFor(actor.tenantId, session.id, actor.userId),
    tenantId: actor.tenantId,
    sessionId: session.id,
    userId: actor.userId,
    displayName: actor.displayName,
    mail: actor.mail,
    status: 'requested',
    seat: null,
    invite: 'pending',
    arrival,
    closedBy: null,
    version: 1,
    createdAt: arrival.at,
    updatedAt: arrival.at,
  };
  if ((await deps.registrations.insert(fresh)) === 'duplicate') {
    // The same person's other request got there first.
    throw await alreadyRegistered(deps, await findRegistrationOf(deps, actor, session.id, actor.userId));
  }
  await deps.history.append({
    tenantId: fresh.tenantId,
    sessionId: fresh.sessionId,
    registrationId: fresh.id,
    userId: fresh.userId,
    version: 1,
    from: null,
    to: 'requested',
    at: arrival.at,
    by: employee,
    reason: null,
    state: { status: 'requested', seat: null, arrival, closedBy: null },
  });
  return fresh;
}
