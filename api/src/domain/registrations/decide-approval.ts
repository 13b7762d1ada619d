import { createError } from '../../errors.js';
import type { Session } from '../sessions/session.js';
import type { TenantScope } from '../shared/tenant-scope.js';
import { changeRegistration, changeWithRetry, invalidTransition, reloadRegistration } from './change-registration.js';
import { tryPromote } from './promote-waitlisted.js';
import { afterChange, bySystem, findSession, isOpen, type RegistrationDeps } from './registration-flow.js';
import type { ChangedBy, Registration } from './registration.js';

/** The person deciding, already established as the employee's approver (or their delegate) by the caller. */
export interface Decider extends TenantScope {
  userId: string;
}

export type ApprovalDecision = 'approve' | 'decline';

const approvedStates = new Set(['approved', 'confirmed', 'attended', 'noShow']);

/**
 * Records a supervisor's decision on a pendingApproval registration. Approving confirms it (the seat was held
 * since the request); declining gives the seat to the next waitlisted person. Deciding the same way again returns
 * the registration unchanged (double clicks, replays); deciding the other way afterwards is refused.
 */
export async function decideApproval(
  deps: RegistrationDeps,
  decider: Decider,
  registrationId: string,
  decision: ApprovalDecision,
  comment: string | null,
): Promise<Registration> {
  const found = await reloadRegistration(deps, decider, registrationId);
  if (!found) throw createError('CAMPUS_ERR_REGISTRATION_NOT_FOUND', `registration '${registrationId}' does not exist`);
  const session = await findSession(deps.sessions, decider, found.sessionId);
  if (decision === 'approve' && !isOpen(session, deps.clock.now())) {
    throw createError('CAMPUS_ERR_SESSION_NOT_OPEN', session.status === 'cancelled' ? 'the session has been cancelled' : 'the session has already started');
  }
  const by: ChangedBy = { userId: decider.userId, role: 'supervisor' };
  const target = decision === 'approve' ? 'approved' : 'declined';
  const { before, after, changed } = await changeWithRetry(deps, decider, registrationId, (current) => {
    if (current.status === 'pendingApproval') return { to: target, by, reason: comment };
    const wasApproved = session.approval === 'supervisor' && approvedStates.has(current.status);
    if ((decision === 'approve' && wasApproved) || (decision === 'decline' && current.status === 'declined')) return null;
    if (wasApproved || current.status === 'declined') {
      throw createError('CAMPUS_ERR_ALREADY_DECIDED', `the registration was already ${current.status === 'declined' ? 'declined' : 'approved'}`);
    }
    throw invalidTransition(current, target, by);
  });
  const settled = after.status === 'approved' ? await confirmApproved(deps, after, session) : after;
  if (!changed) return settled;
  if (decision === 'decline') {
    if (await afterChange(deps, before, after, session)) await tryPromote(deps, decider, session.id);
  }
  await deps.notifier.registrationDecided(decider, settled, session, decision === 'approve' ? 'approved' : 'declined', comment);
  return settled;
}

/** approved → confirmed: the Outlook invitation follows. Also finishes an approval a crash cut short. */
export async function confirmApproved(deps: RegistrationDeps, approved: Registration, session: Session): Promise<Registration> {
  const confirmed = await changeRegistration(deps, approved, { to: 'confirmed', by: bySystem });
  if (!confirmed) return (await reloadRegistration(deps, approved, approved.id)) ?? approved;
  await afterChange(deps, approved, confirmed, session);
  return confirmed;
}
