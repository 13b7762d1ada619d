import { createError } from '../../errors.js';
import type { Actor, TenantScope } from '../shared/tenant-scope.js';
import { changeWithRetry, invalidTransition, reloadRegistration } from './change-registration.js';
import { tryPromote } from './promote-waitlisted.js';
import { afterChange, findRegistrationOf, findSession, type RegistrationDeps } from './registration-flow.js';
import { canTransition } from './registration-states.js';
import type { ChangedBy, Registration } from './registration.js';

export interface CancelOptions {
  /** Shown to the person: an organizer's message, a supervisor's comment. */
  reason?: string | null;
  /** The whole session is being cancelled: people are told so, nobody is promoted, the event is cancelled whole. */
  sessionCancelled?: boolean;
}

/**
 * Cancels a registration on behalf of `by` (the employee, their supervisor, an organizer or Campus). Its seat goes
 * back and the next waitlisted person is promoted. Cancelling a cancelled registration changes nothing.
 * Callers check that `by` may act on this registration; the supervisor's path is the approval feature's to check.
 */
export async function cancelRegistration(
  deps: RegistrationDeps,
  scope: TenantScope,
  registrationId: string,
  by: ChangedBy,
  options: CancelOptions = {},
): Promise<Registration> {
  const found = await reloadRegistration(deps, scope, registrationId);
  if (!found) throw createError('CAMPUS_ERR_REGISTRATION_NOT_FOUND', `registration '${registrationId}' does not exist`);
  const session = await findSession(deps.sessions, scope, found.sessionId);
  if (!options.sessionCancelled && session.startsAt <= deps.clock.now()) {
    throw createError('CAMPUS_ERR_SESSION_NOT_OPEN', 'the session has already started; record attendance instead');
  }
  const reason = options.reason ?? null;
  const { before, after, changed } = await changeWithRetry(deps, scope, registrationId, (current) => {
    if (current.status === 'cancelled') return null;
    if (!canTransition(current.status, 'cancelled', by.role)) throw invalidTransition(current, 'cancelled', by);
    return { to: 'cancelled', by, reason };
  });
  if (!changed) return after;
  const seatFreed = await afterChange(deps, before, after, session, { syncCalendar: !options.sessionCancelled });
  if (options.sessionCancelled) await deps.notifier.sessionCancelled(scope, after, session, reason ?? '');
  else if (by.role !== 'employee') await deps.notifier.registrationCancelled(scope, after, session, by, reason);
  if (seatFreed && !options.sessionCancelled) await tryPromote(deps, scope, session.id);
  return after;
}

/** The actor cancels their own registration for a session. */
export async function cancelMyRegistration(deps: RegistrationDeps, actor: Actor, sessionId: string): Promise<Registration> {
  await findSession(deps.sessions, actor, sessionId);
  const mine = await findRegistrationOf(deps, actor, sessionId, actor.userId);
  if (!mine) throw createError('CAMPUS_ERR_REGISTRATION_NOT_FOUND', 'you have no registration for this session');
  return cancelRegistration(deps, actor, mine.id, { userId: actor.userId, role: 'employee' });
}

/** Cancels a registration by id: the registrant's own, or anyone's for an organizer. */
export async function cancelRegistrationAs(deps: RegistrationDeps, actor: Actor, registrationId: string, reason: string | null): Promise<Registration> {
  const registration = await deps.registrations.findById(actor, registrationId);
  if (!registration) throw createError('CAMPUS_ERR_REGISTRATION_NOT_FOUND', `registration '${registrationId}' does not exist`);
  if (registration.userId === actor.userId) return cancelRegistration(deps, actor, registrationId, { userId: actor.userId, role: 'employee' }, { reason });
  if (!actor.roles.has('organizer')) throw createError('CAMPUS_ERR_FORBIDDEN', 'you can only cancel your own registration');
  return cancelRegistration(deps, actor, registrationId, { userId: actor.userId, role: 'organizer' }, { reason });
}
