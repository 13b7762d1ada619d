import type { ApprovalCardState, BotApproval } from '@campus/bot';
import type { ApprovalItem } from '../../domain/approvals/list-approvals.js';
import type { ApprovalSummary } from '../../domain/approvals/approval-summary.js';

/** A request as its card shows it to one viewer. */
export function toBotApproval(
  summary: ApprovalSummary,
  signature: string,
  onBehalfOfName: string | null,
): BotApproval {
  return {
    approvalId: summary.approvalId,
    signature,
    employeeName: summary.employee.displayName,
    sessionTitle: summary.session.title,
    whenText: summary.whenText,
    hoursAwayText: summary.hoursAwayText,
    clash: summary.clash.state,
    clashText: summary.clashText,
    onBehalfOfName,
    expiresText: summary.expiresText,
  };
}

/** The card state of a request for its viewer: pending with its buttons, or how it ended. */
export function toCardState(item: ApprovalItem): ApprovalCardState {
  const approval = toBotApproval(item.summary, item.signature, item.onBehalfOf?.displayName ?? null);
  const { request } = item;
  if (request.status === 'pending' || request.status === 'resolving' || !request.decision)
    return { state: 'pending', approval };
  return {
    state: 'decided',
    approval,
    outcome: request.status,
    decidedBy: request.decision.decidedBy.name,
    comment: request.decision.comment,
  };
}
