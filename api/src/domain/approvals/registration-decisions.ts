import { changeWithRetry, reloadRegistration } from '../registrations/change-registration.js';
import { decideApproval } from '../registrations/decide-approval.js';
import { tryPromote } from '../registrations/promote-waitlisted.js';
import {
  afterChange,
  bySystem,
  findSession,
  type RegistrationDeps,
} from '../registrations/registration-flow.js';
import type { Registration } from '../registrations/registration.js';
import type { Session } from '../sessions/session.js';
import type { RegistrationDecisions } from './approval-ports.js';

/**
 * Decisions applied through the registration lifecycle. Approve and decline are its decideApproval; expiry is a
 * decline by Campus (the lifecycle allows pendingApproval → declined by the system), built from the same steps:
 * the change, the seat given back, the next person promoted, the employee told.
 */
export function createRegistrationDecisions(deps: RegistrationDeps): RegistrationDecisions {
  return {
    async decide(scope, registrationId, decision, deciderId, comment) {
      await decideApproval(
        deps,
        { tenantId: scope.tenantId, userId: deciderId },
        registrationId,
        decision,
        comment,
      );
    },
    async expire(scope, registrationId, reason) {
      const { before, after, changed } = await changeWithRetry(deps, scope, registrationId, (current) =>
        current.status === 'pendingApproval' ? { to: 'declined', by: bySystem, reason } : null,
      );
      if (!changed) return;
      const session = await findSession(deps.sessions, scope, after.sessionId);
      if (await afterChange(deps, before, after, session)) await tryPromote(deps, scope, session.id);
      await deps.notifier.registrationDecided(scope, after, session, 'declined', reason);
    },
    async listAwaiting(before, limit) {
      const found: Array<{ registration: Registration; session: Session }> = [];
      const sessions = (await deps.sessions.listOpenAcrossTenants(deps.clock.now(), limit)).filter(
        (session) => session.approval === 'supervisor',
      );
      for (const session of sessions) {
        for (const registration of await deps.registrations.listBySession(session, session.id)) {
          if (registration.status === 'pendingApproval' && registration.updatedAt < before)
            found.push({ registration, session });
        }
        if (found.length >= limit) break;
      }
      return found.slice(0, limit);
    },
    async isAwaiting(scope, registrationId, round) {
      const registration = await reloadRegistration(deps, scope, registrationId);
      return registration?.status === 'pendingApproval' && registration.version === round;
    },
  };
}
