import { createError } from '../../errors.js';
import type { TenantScope } from '../shared/tenant-scope.js';
import type { ApprovalDecision, ApprovalRequest } from './approval.js';
import type { ApprovalDeps } from './approval-deps.js';
import { activeDelegate } from './approval-settings.js';
import { finishDecision, newDecision, recordDecision } from './settle-decision.js';

/** Who acts on a request: the signed-in user (tab) or the user who pressed a card button (Teams, Outlook). */
export interface ApprovalActor extends TenantScope {
  userId: string;
}

export interface DecisionInput {
  approvalId: string;
  decision: 'approve' | 'decline';
  comment: string | null;
}

/** A card's signed data, sent back with a button press. */
export interface CardProof {
  signature: unknown;
}

const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export async function findRequest(
  deps: ApprovalDeps,
  scope: TenantScope,
  approvalId: string,
): Promise<ApprovalRequest> {
  const request = await deps.approvals.findById(scope, approvalId);
  if (!request)
    throw createError('CAMPUS_ERR_APPROVAL_NOT_FOUND', `approval request '${approvalId}' does not exist`);
  return request;
}

/** Refuses a card whose data was not signed by Campus for this request, its approver and its expiry. */
export function checkProof(deps: ApprovalDeps, request: ApprovalRequest, proof: CardProof | undefined): void {
  if (!proof) return;
  const signed =
    request.approver &&
    deps.signer.verify(
      { approvalId: request.id, approverId: request.approver.id, expiresAt: request.expiresAt },
      proof.signature,
    );
  if (!signed)
    throw createError(
      'CAMPUS_ERR_APPROVAL_SIGNATURE_INVALID',
      'the card data is not what Campus signed for this approval request',
    );
}

/**
 * How the actor may decide this request: as its approver or as the approver's active delegate (403 otherwise), and
 * their name as the directory gave it (not as the client says).
 */
export async function authorizeDecider(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  userId: string,
): Promise<{ role: 'approver' | 'delegate'; name: string }> {
  const approver = request.approver;
  const refuse = (why: string) =>
    createError('CAMPUS_ERR_NOT_APPROVER', why, { details: { approvalId: request.id } });
  if (!approver) throw refuse('this request has no approver yet');
  if (sameId(userId, request.employee.id)) throw refuse('you cannot decide on your own registration');
  if (sameId(userId, approver.id)) return { role: 'approver', name: approver.displayName };
  const delegate = activeDelegate(await deps.settings.find(request, approver.id), deps.clock.now());
  if (delegate && sameId(delegate.id, userId)) return { role: 'delegate', name: delegate.displayName };
  throw refuse(`only ${approver.displayName} or their delegate can decide on this request`);
}

const outcomeOf = { approve: 'approved', decline: 'declined' } as const;

function closed(request: ApprovalRequest, outcome: 'expired' | 'withdrawn'): Error {
  const why = outcome === 'expired' ? 'it expired before anyone decided' : 'the registration was withdrawn';
  return createError('CAMPUS_ERR_APPROVAL_CLOSED', `this approval request is closed: ${why}`, {
    details: { approvalId: request.id, outcome },
  });
}

/** Answers a decision that exists already: the same one again is its repeat; another is refused. */
function answerExisting(
  request: ApprovalRequest,
  existing: ApprovalDecision,
  wanted: 'approved' | 'declined',
): ApprovalDecision {
  if (existing.outcome === wanted) return existing;
  if (existing.outcome === 'expired' || existing.outcome === 'withdrawn')
    throw closed(request, existing.outcome);
  throw createError('CAMPUS_ERR_ALREADY_DECIDED', `this request was already ${existing.outcome}`, {
    details: { approvalId: request.id, outcome: existing.outcome },
  });
}

/**
 * The approver (or their delegate) approves or declines. Exactly one decision is ever recorded per request (a
 * unique index); a repeat of the same decision (double click, replayed card) answers the same and changes nothing.
 * With `proof`, the card's signature must match before anything else is considered.
 */
export async function decideApprovalRequest(
  deps: ApprovalDeps,
  actor: ApprovalActor,
  input: DecisionInput,
  proof?: CardProof,
): Promise<{ request: ApprovalRequest; decision: ApprovalDecision }> {
  const request = await findRequest(deps, actor, input.approvalId);
  checkProof(deps, request, proof);
  const decider = await authorizeDecider(deps, request, actor.userId);
  const wanted = outcomeOf[input.decision];
  const existing = await deps.decisions.find(request, request.id);
  if (existing) {
    const settled = await finishDecision(deps, request, existing);
    return {
      request: await findRequest(deps, actor, request.id),
      decision: answerExisting(request, settled, wanted),
    };
  }
  if (deps.clock.now() >= request.expiresAt) throw closed(request, 'expired');
  const winner = await recordDecision(
    deps,
    request,
    newDecision(
      deps,
      request,
      wanted,
      { userId: actor.userId, name: decider.name, via: decider.role, ruleId: null },
      input.comment,
    ),
  );
  return {
    request: await findRequest(deps, actor, request.id),
    decision: answerExisting(request, winner, wanted),
  };
}
