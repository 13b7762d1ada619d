import type { Me } from '../api-types.js';

/**
 * Whether the Approvals tab shows: for supervisors, for people who decide for a supervisor as their delegate, and
 * for anyone who followed an approval mail's link (the page itself says when nothing waits for them).
 */
export function showsApprovals(me: Pick<Me, 'roles' | 'approvesFor'>, requestedView: string | null): boolean {
  return me.roles.includes('supervisor') || me.approvesFor.length > 0 || requestedView === 'approvals';
}
