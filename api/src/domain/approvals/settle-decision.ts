import { CampusError } from '../../errors.js';
import type { ApprovalDecision, ApprovalRequest, DecisionOutcome } from './approval.js';
import { errorDetails, viewerOf, type ApprovalDeps } from './approval-deps.js';
import { summarizeApproval } from './approval-summary.js';

/**
 * A decision still unapplied this long after it was made was cut short (a crash, an outage): whoever meets it
 * next applies it. A younger one is most likely being applied by the caller that recorded it right now.
 */
export const REAPPLY_AFTER_MS = 30_000;

const expiryReason = 'nobody decided before the session; the seat went back';

/**
 * Records a decision unless the request has one already, and applies whichever decision won. Returns the winner:
 * the caller compares it with what it asked for (a double click finds its own first click here).
 */
export async function recordDecision(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  decision: ApprovalDecision,
): Promise<ApprovalDecision> {
  if ((await deps.decisions.insert(decision)) === 'inserted') {
    await applyDecision(deps, request, decision);
    return { ...decision, applied: true };
  }
  const winner = await deps.decisions.find(request, request.id);
  if (!winner) throw new Error(`approval ${request.id}: the decision insert lost but no decision is stored`);
  return finishDecision(deps, request, winner);
}

/**
 * Applies a recorded decision that was cut short. A fresh unapplied one is left to the caller applying it (a
 * double click must not apply twice); `force` is the worker's, which only sees stale ones.
 */
export async function finishDecision(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  decision: ApprovalDecision,
  force = false,
): Promise<ApprovalDecision> {
  if (decision.applied) return decision;
  const stale = deps.clock.now().getTime() - decision.decidedAt.getTime() >= REAPPLY_AFTER_MS;
  if (!force && !stale) return decision;
  await applyDecision(deps, request, decision);
  return { ...decision, applied: true };
}

/** A new decision of the request, not yet recorded. */
export function newDecision(
  deps: Pick<ApprovalDeps, 'clock'>,
  request: ApprovalRequest,
  outcome: DecisionOutcome,
  decidedBy: ApprovalDecision['decidedBy'],
  comment: string | null,
): ApprovalDecision {
  return {
    tenantId: request.tenantId,
    approvalId: request.id,
    registrationId: request.registrationId,
    outcome,
    decidedBy,
    comment,
    decidedAt: deps.clock.now(),
    applied: false,
  };
}

/**
 * Records Campus's own decision, with nobody's name on it: the request is withdrawn when its registration moved on
 * without it (cancelled, decided elsewhere), expired when nobody decided in time. Returns the decision that won.
 */
export function decideAsCampus(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  outcome: 'withdrawn' | 'expired',
): Promise<ApprovalDecision> {
  const via = outcome === 'withdrawn' ? 'withdrawal' : 'expiry';
  return recordDecision(
    deps,
    request,
    newDecision(deps, request, outcome, { userId: null, name: null, via, ruleId: null }, null),
  );
}

/**
 * Brings the request, the registration and the employee in line with a recorded decision. Each step is
 * idempotent, so a decision a crash left unapplied is applied again from the start by the worker.
 */
export async function applyDecision(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  decision: ApprovalDecision,
): Promise<void> {
  const applied = { ...decision, applied: true };
  await deps.approvals.update(request, request.id, {
    status: decision.outcome,
    decision: applied,
    updatedAt: deps.clock.now(),
  });
  try {
    await changeRegistration(deps, request, decision);
  } catch (error) {
    // The registration moved on meanwhile (cancelled, its session cancelled or started): the decision stands as
    // the record of what the approver said; there is nothing left to change. Outages are thrown for a retry.
    if (!(error instanceof CampusError && error.statusCode < 500)) throw error;
    deps.logger.warn(
      { approvalId: request.id, registrationId: request.registrationId, ...errorDetails(error) },
      'decision recorded; the registration had moved on',
    );
  }
  await deps.decisions.markApplied(request, request.id);
  if (decision.outcome === 'withdrawn') return;
  try {
    const viewer = await viewerOf(deps, request, request.employee.id, request.session.timeZone);
    await deps.messenger.tellEmployee(
      request,
      { ...request, status: decision.outcome, decision: applied },
      applied,
      summarizeApproval({ ...request, status: decision.outcome }, viewer),
    );
  } catch (error) {
    // The registration's own notification already tells the employee; the mail is a courtesy.
    deps.logger.warn(
      { approvalId: request.id, ...errorDetails(error) },
      'the employee was not mailed the outcome',
    );
  }
}

async function changeRegistration(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  decision: ApprovalDecision,
): Promise<void> {
  switch (decision.outcome) {
    case 'approved':
    case 'declined': {
      // A decision always names its decider; the rule's decisions are made in the approver's name.
      const deciderId = decision.decidedBy.userId ?? request.approver?.id ?? '';
      await deps.registrationDecisions.decide(
        request,
        request.registrationId,
        decision.outcome === 'approved' ? 'approve' : 'decline',
        deciderId,
        decision.comment,
      );
      return;
    }
    case 'expired':
      await deps.registrationDecisions.expire(request, request.registrationId, expiryReason);
      return;
    case 'withdrawn':
      return;
  }
}
