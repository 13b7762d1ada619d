import { createError } from '../../errors.js';
import type { Session } from '../sessions/session.js';
import type { Actor } from '../shared/tenant-scope.js';
import { reloadRegistration } from './change-registration.js';
import { compareArrival, findSession, requireOrganizer, type RegistrationDeps } from './registration-flow.js';
import type { Registration, RegistrationChange } from './registration.js';

export interface PlacedRegistration {
  registration: Registration;
  /** Place on the waitlist (1 = next) while waitlisted, else null. */
  position: number | null;
}

/** Everyone registered for a session, in arrival order, with waitlist places (organizers). */
export async function listSessionRegistrations(
  deps: RegistrationDeps,
  actor: Actor,
  sessionId: string,
): Promise<{ session: Session; registrations: PlacedRegistration[] }> {
  requireOrganizer(actor, "list a session's registrations");
  const session = await findSession(deps.sessions, actor, sessionId);
  const registrations = (await deps.registrations.listBySession(actor, sessionId)).sort(compareArrival);
  let waiting = 0;
  return {
    session,
    registrations: registrations.map((registration) => ({
      registration,
      position: registration.status === 'waitlisted' ? ++waiting : null,
    })),
  };
}

async function findVisible(deps: RegistrationDeps, actor: Actor, registrationId: string): Promise<Registration> {
  const registration = await reloadRegistration(deps, actor, registrationId);
  if (!registration) throw createError('CAMPUS_ERR_REGISTRATION_NOT_FOUND', `registration '${registrationId}' does not exist`);
  if (registration.userId !== actor.userId && !actor.roles.has('organizer')) {
    throw createError('CAMPUS_ERR_FORBIDDEN', 'you can only see your own registrations');
  }
  return registration;
}

/** One registration, for its owner or an organizer. */
export async function getRegistration(deps: RegistrationDeps, actor: Actor, registrationId: string): Promise<PlacedRegistration> {
  const registration = await findVisible(deps, actor, registrationId);
  return { registration, position: registration.status === 'waitlisted' ? await deps.positions.of(registration) : null };
}

/** Every change of a registration, oldest first, for its owner or an organizer. */
export async function getRegistrationHistory(
  deps: RegistrationDeps,
  actor: Actor,
  registrationId: string,
): Promise<{ registration: Registration; changes: RegistrationChange[] }> {
  const registration = await findVisible(deps, actor, registrationId);
  return { registration, changes: await deps.history.listByRegistration(actor, registrationId, registration.version) };
}
