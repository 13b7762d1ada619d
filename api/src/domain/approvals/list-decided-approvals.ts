import type { DecidedCursor } from './approval.js';
import { viewerOf, type ApprovalDeps } from './approval-deps.js';
import { listActiveDelegations } from './approval-settings.js';
import type { ApprovalActor } from './decide-approval-request.js';
import { itemFor, type ApprovalItem } from './list-approvals.js';

/** A page of decided requests and where the next one starts (null on the last page). */
export interface DecidedPage {
  items: ApprovalItem[];
  next: DecidedCursor | null;
}

/**
 * Requests the actor decided or could have decided, newest decision first: theirs as approver, those of
 * supervisors whose delegate they are now, and any they decided as a delegate before the delegation ended.
 */
export async function listDecidedApprovals(
  deps: ApprovalDeps,
  actor: ApprovalActor,
  page: { limit: number; after: DecidedCursor | null },
): Promise<DecidedPage> {
  const delegations = await listActiveDelegations(deps.settings, actor, actor.userId, deps.clock.now());
  const found = await deps.approvals.listDecided(actor, {
    approverIds: [actor.userId, ...delegations.map((settings) => settings.userId)],
    deciderId: actor.userId,
    after: page.after,
    limit: page.limit + 1,
  });
  const requests = found.slice(0, page.limit);
  const last = requests.at(-1);
  const next =
    found.length > page.limit && last?.decision
      ? { decidedAt: last.decision.decidedAt, approvalId: last.id }
      : null;
  if (requests.length === 0) return { items: [], next };
  const viewer = await viewerOf(deps, actor, actor.userId, requests[0]!.session.timeZone);
  return { items: requests.map((request) => itemFor(deps, request, viewer, actor.userId)), next };
}
