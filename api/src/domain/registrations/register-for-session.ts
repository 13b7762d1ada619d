import { createError } from '../../errors.js';
import type { Session } from '../sessions/session.js';
import type { Actor } from '../shared/tenant-scope.js';
import {
  applied,
  changeRegistration,
  describeStatus,
  recordChange,
  reloadRegistration,
} from './change-registration.js';
import { tryPromote } from './promote-waitlisted.js';
import {
  arriveNow,
  finishPlacement,
  findOpenSession,
  placeRequested,
  placeWithoutOverlap,
  seatedStatus,
  takeSeatUnlessQueued,
  type RegistrationDeps,
} from './registration-flow.js';
import { registrationIdFor } from './registration-id.js';
import { holdsSeat, isLive } from './registration-states.js';
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
 * supervisor's approval) or a place on the waitlist. A first registration is stored already placed, in one insert
 * whose id (derived from tenant, session and user) refuses a second one; its history records requested, then the
 * place. Someone whose registration was cancelled or declined registers again through 'requested', which anchors a
 * retry after a crash; they join at the back.
 */
export async function registerForSession(
  deps: RegistrationDeps,
  actor: Actor,
  sessionId: string,
  // Taken first, before any waiting (for the store or for admission), so it is the order requests reached us.
  arrival: Arrival = arriveNow(deps),
): Promise<RegisterResult> {
  const session = await findOpenSession(deps.sessions, actor, sessionId, arrival.at);
  const existing = await reloadRegistration(
    deps,
    actor,
    registrationIdFor(actor.tenantId, session.id, actor.userId),
  );
  if (
    existing &&
    existing.status !== 'requested' &&
    (isLive(existing.status) || existing.status === 'attended' || existing.status === 'noShow')
  ) {
    throw await alreadyRegistered(deps, existing);
  }
  const employee: ChangedBy = { userId: actor.userId, role: 'employee' };
  const placed = await placeWithoutOverlap(deps, actor, session, () =>
    existing
      ? registerAgain(deps, actor, session, arrival, existing, employee)
      : registerFirst(deps, actor, session, arrival, employee),
  );
  if (placed.position !== null) {
    // A seat may have freed while this request joined the queue: make sure someone takes it.
    const taken = (await deps.seats.countTaken(actor, [session.id])).get(session.id) ?? 0;
    if (taken < session.capacity) await tryPromote(deps, actor, session.id);
    // A waitlist read that starts now still finds them waiting: nothing changed, and the place is current.
    const position = await deps.positions.of(placed.registration);
    if (position !== null) return { registration: placed.registration, session, position };
  }
  // Read back: the calendar booking may have sent the invitation, or a promotion taken the person off the waitlist.
  const settled = (await reloadRegistration(deps, actor, placed.registration.id)) ?? placed.registration;
  return {
    registration: settled,
    session,
    position: settled.status === 'waitlisted' ? await deps.positions.of(settled) : null,
  };
}

async function registerAgain(
  deps: RegistrationDeps,
  actor: Actor,
  session: Session,
  arrival: Arrival,
  existing: Registration,
  employee: ChangedBy,
) {
  const requested =
    existing.status === 'requested'
      ? existing
      : await changeRegistration(deps, existing, {
          to: 'requested',
          by: employee,
          arrival,
          reason: 'registered again',
        });
  const placed = requested && (await placeRequested(deps, requested, session, employee));
  if (!placed) throw await alreadyRegistered(deps, await reloadRegistration(deps, actor, existing.id));
  return placed;
}

async function registerFirst(
  deps: RegistrationDeps,
  actor: Actor,
  session: Session,
  arrival: Arrival,
  employee: ChangedBy,
) {
  const requested: Registration = {
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
    version: 0,
    createdAt: arrival.at,
    updatedAt: arrival.at,
  };
  // A seat claimed here for a registration that never gets stored (a crash) is given back by the registration worker.
  const { seat, queued } = await takeSeatUnlessQueued(deps, session, requested.id);
  const created = recordChange(requested, { to: 'requested', by: employee }, arrival.at);
  const afterCreation = applied(requested, created);
  const placement = recordChange(
    afterCreation,
    { to: seat === null ? 'waitlisted' : seatedStatus(session), by: employee, seat },
    arrival.at,
  );
  const placed = applied(afterCreation, placement);
  if ((await deps.registrations.insert(placed)) === 'duplicate') {
    // The same person's other request got there first; a seat this one claimed is that registration's too, unless it holds none.
    const winner = await reloadRegistration(deps, actor, requested.id);
    if (seat !== null && winner && !holdsSeat(winner.status))
      await deps.seats.release(actor, session.id, requested.id);
    throw await alreadyRegistered(deps, winner);
  }
  await deps.history.append({ ...created, from: null });
  await deps.history.append(placement);
  return finishPlacement(deps, afterCreation, placed, session, queued);
}
