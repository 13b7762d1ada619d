import { Type, type Static } from 'typebox';
import type { Approvals } from '../../../domain/approvals/create-approvals.js';
import type { ApprovalActor } from '../../../domain/approvals/decide-approval-request.js';

export const ApprovesForView = Type.Array(
  Type.Object({
    id: Type.String(),
    displayName: Type.Union([Type.String(), Type.Null()], {
      description: 'Null when the directory could not be read just now',
    }),
    until: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'When the delegation ends; null for no end',
    }),
  }),
  {
    description:
      "Supervisors who named the signed-in user their delegate, while the delegation is active: they may see and decide those supervisors' approval requests",
  },
);
export type ApprovesForView = Static<typeof ApprovesForView>;

/** The actor's active delegations, for GET /api/me (none when approval is not wired). */
export async function approvesForOf(
  approvals: Approvals | null,
  actor: ApprovalActor,
): Promise<ApprovesForView> {
  if (!approvals) return [];
  return (await approvals.listDelegatedApprovers(actor)).map((approver) => ({
    ...approver,
    until: approver.until?.toISOString() ?? null,
  }));
}
