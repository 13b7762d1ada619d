import type { ApprovalPerson, ApprovalRequest } from './approval.js';
import { viewerOf, type ApprovalDeps } from './approval-deps.js';
import { listActiveDelegations } from './approval-settings.js';
import { summarizeApproval, type ApprovalSummary } from './approval-summary.js';
import {
  authorizeDecider,
  checkProof,
  findRequest,
  type ApprovalActor,
  type CardProof,
} from './decide-approval-request.js';

/** A request as the person deciding it sees it. */
export interface ApprovalItem {
  request: ApprovalRequest;
  summary: ApprovalSummary;
  /** The approver, when the viewer decides as their delegate. */
  onBehalfOf: ApprovalPerson | null;
  /** Signs the viewer's card buttons. */
  signature: string;
}

/** The request as this viewer sees it, with their card's signature. */
export function itemFor(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  viewer: { timeZone: string; locale: string },
  viewerId: string,
): ApprovalItem {
  const approver = request.approver;
  const asDelegate = approver !== null && approver.id.toLowerCase() !== viewerId.toLowerCase();
  return {
    request,
    summary: summarizeApproval(request, viewer),
    onBehalfOf:
      asDelegate && approver
        ? { id: approver.id, displayName: approver.displayName, mail: approver.mail }
        : null,
    signature: approver
      ? deps.signer.sign({ approvalId: request.id, approverId: approver.id, expiresAt: request.expiresAt })
      : '',
  };
}

/** Requests waiting for the actor: as approver, and as delegate of supervisors whose delegation is active. */
export async function listApprovals(deps: ApprovalDeps, actor: ApprovalActor): Promise<ApprovalItem[]> {
  const now = deps.clock.now();
  const delegators = (await listActiveDelegations(deps.settings, actor, actor.userId, now)).map(
    (settings) => settings.userId,
  );
  const pending = (await deps.approvals.listPendingByApprovers(actor, [actor.userId, ...delegators])).filter(
    (request) => request.employee.id.toLowerCase() !== actor.userId.toLowerCase() && request.expiresAt > now,
  );
  if (pending.length === 0) return [];
  const viewer = await viewerOf(deps, actor, actor.userId, pending[0]!.session.timeZone);
  return pending.map((request) => itemFor(deps, request, viewer, actor.userId));
}

/**
 * One request as the actor may see it: its approver or active delegate (anyone else gets 403, so a forwarded mail
 * shows nothing). With `proof` (a card refresh), the card's signature must match first.
 */
export async function viewApproval(
  deps: ApprovalDeps,
  actor: ApprovalActor,
  approvalId: string,
  proof?: CardProof,
): Promise<ApprovalItem> {
  const request = await findRequest(deps, actor, approvalId);
  checkProof(deps, request, proof);
  await authorizeDecider(deps, request, actor.userId);
  const viewer = await viewerOf(
    deps,
    actor,
    actor.userId,
    request.approver?.timeZone ?? request.session.timeZone,
  );
  return itemFor(deps, request, viewer, actor.userId);
}
