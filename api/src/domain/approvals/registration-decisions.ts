import { changeWithRetry, reloadRegistration } from '../registrations/change-registration.js';
import { decideApproval } from '../registrations/decide-approval.js';
import { tryPromote } from '../registrations/promote-waitlisted.js';
import {
  afterChange,
  bySystem,
  findSession,
  type RegistrationDeps,
} from '../registrations/registration-flow.js';
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
    async isAwaiting(scope, registrationId, round) {
      const registration = await reloadRegistration(deps, scope, registrationId);
      return registration?.status === 'pendingApproval' && registration.version === round;
    },
  };
}
