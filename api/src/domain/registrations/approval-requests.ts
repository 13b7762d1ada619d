import type { Session } from '../sessions/session.js';
import type { TenantScope } from '../shared/tenant-scope.js';
import type { Registration } from './registration.js';

/**
 * Asks the employee's approver about a registration for a session whose policy is 'supervisor'. The registration is
 * pendingApproval and holds its seat meanwhile; the answer comes back through the decideApproval use case.
 * Implementations must tolerate being asked twice for the same registration (a retry after a crash).
 */
export interface ApprovalRequests {
  requestApproval(scope: TenantScope, registration: Registration, session: Session): Promise<void>;
  /** The registration left pendingApproval without a decision (cancelled, session cancelled): retract the request. */
  withdraw(scope: TenantScope, registrationId: string): Promise<void>;
}

/**
 * Approval requests that go nowhere beyond Campus itself: the registration waits in pendingApproval, visible to the
 * employee and to organizers, until decideApproval is called. Used until an approver channel (mail, Teams) is wired.
 */
export const approvalsWithinCampus: ApprovalRequests = {
  async requestApproval() {},
  async withdraw() {},
};
