import { createError } from '../../errors.js';
import type { Actor } from '../shared/tenant-scope.js';
import { changeWithRetry, invalidTransition } from './change-registration.js';
import { findRegistrationOf, findSession, requireOrganizer, type RegistrationDeps } from './registration-flow.js';
import { canTransition } from './registration-states.js';
import type { ChangedBy, Registration } from './registration.js';

/**
 * An organizer records whether a confirmed attendee came, once the session has started. Marking the same again
 * changes nothing; a mistake can be corrected (attended ↔ noShow).
 */
export async function markAttendance(deps: RegistrationDeps, actor: Actor, sessionId: string, userId: string, attended: boolean): Promise<Registration> {
  requireOrganizer(actor, 'record attendance');
  const session = await findSession(deps.sessions, actor, sessionId);
  if (session.status === 'cancelled') throw createError('CAMPUS_ERR_SESSION_NOT_OPEN', 'the session has been cancelled');
  if (deps.clock.now() < session.startsAt) throw createError('CAMPUS_ERR_SESSION_NOT_STARTED', 'attendance can be recorded once the session has started');
  const registration = await findRegistrationOf(deps, actor, sessionId, userId);
  if (!registration) {
    throw createError('CAMPUS_ERR_REGISTRATION_NOT_FOUND', `user '${userId}' has no registration for this session`, { details: { field: '/userId' } });
  }
  const by: ChangedBy = { userId: actor.userId, role: 'organizer' };
  const target = attended ? 'attended' : 'noShow';
  const { after } = await changeWithRetry(deps, actor, registration.id, (current) => {
    if (current.status === target) return null;
    if (!canTransition(current.status, target, by.role)) throw invalidTransition(current, target, by);
    return { to: target, by };
  });
  return after;
}
