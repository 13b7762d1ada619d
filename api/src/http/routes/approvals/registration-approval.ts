import { Type, type Static } from 'typebox';
import type { ApprovalWait } from '../../../domain/approvals/approval-waits.js';
import type { Approvals } from '../../../domain/approvals/create-approvals.js';
import type { TenantScope } from '../../../domain/shared/tenant-scope.js';

export const RegistrationApprovalView = Type.Union(
  [
    Type.Object({
      approvalId: Type.String(),
      approver: Type.Object({ id: Type.String(), displayName: Type.String() }),
      delegate: Type.Union([
        Type.Object({
          id: Type.String(),
          displayName: Type.String(),
          until: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
        }),
        Type.Null(),
      ]),
    }),
    Type.Null(),
  ],
  {
    description:
      'While pendingApproval: who decides (the approver, and a delegate who may decide in their name); null otherwise or while Campus is still finding the approver',
  },
);
export type RegistrationApprovalView = Static<typeof RegistrationApprovalView>;

function toWaitView(wait: ApprovalWait): NonNullable<RegistrationApprovalView> {
  return {
    approvalId: wait.approvalId,
    approver: wait.approver,
    delegate: wait.delegate && { ...wait.delegate, until: wait.delegate.until?.toISOString() ?? null },
  };
}

/**
 * Adds `approval` to the employee's views of their registrations: who a registration awaiting approval waits for,
 * from its open approval request (null when approval is not wired, or for other states).
 */
export async function withApprovalWaits<View extends { id: string; status: string }>(
  approvals: Approvals | null,
  scope: TenantScope,
  views: View[],
): Promise<Array<View & { approval: RegistrationApprovalView }>> {
  const waiting = views.filter((view) => view.status === 'pendingApproval').map((view) => view.id);
  const waits = approvals && waiting.length > 0 ? await approvals.findWaits(scope, waiting) : new Map();
  return views.map((view) => {
    const wait = waits.get(view.id);
    return { ...view, approval: wait ? toWaitView(wait) : null };
  });
}
