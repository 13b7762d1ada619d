import type { ApprovalRequest } from './approval.js';
import { errorDetails, type ApprovalDeps } from './approval-deps.js';
import { askAll, createApprovalRequests, resolveAndAsk } from './request-approval.js';
import { decideAsCampus, finishDecision, REAPPLY_AFTER_MS } from './settle-decision.js';

/** A request still resolving this long after it was made was cut short by a crash (or Graph was down). */
const RESUME_AFTER_MS = 60_000;

/** What one worker pass did. */
export interface ApprovalWorkReport {
  /** Registrations waiting for approval that had no request (a crash between the two) and were asked now. */
  requested: number;
  resumed: number;
  reapplied: number;
  reminded: number;
  expired: number;
}

async function each<T>(
  deps: ApprovalDeps,
  items: T[],
  describe: (item: T) => object,
  work: (item: T) => Promise<boolean>,
): Promise<number> {
  let done = 0;
  for (const item of items) {
    try {
      if (await work(item)) done++;
    } catch (error) {
      deps.logger.warn(
        { ...describe(item), ...errorDetails(error) },
        'approval work failed; the next pass retries',
      );
    }
  }
  return done;
}

/** Whether the request's registration still waits on this request's round. */
function isAwaited(deps: ApprovalDeps, request: ApprovalRequest): Promise<boolean> {
  return deps.registrationDecisions.isAwaiting(request, request.registrationId, request.round);
}

/**
 * Reminds the approver (and active delegate) once. The mail's outbox key makes it once whatever happens; the Teams
 * card is sent by whoever records the reminder first (the notice log's unique index). remindedAt then takes the
 * request off the list.
 */
async function remind(deps: ApprovalDeps, request: ApprovalRequest): Promise<boolean> {
  if (!request.approver || !(await isAwaited(deps, request))) return false;
  await askAll(deps, request, await deps.settings.find(request, request.approver.id), 'reminder');
  await deps.approvals.update(request, request.id, {
    remindedAt: deps.clock.now(),
    updatedAt: deps.clock.now(),
  });
  return true;
}

/**
 * Campus declines a request nobody decided in time; if someone decided meanwhile, their decision is finished instead.
 * A registration that moved on without this request (cancelled, decided elsewhere) withdraws it rather than expire.
 */
async function expire(deps: ApprovalDeps, request: ApprovalRequest): Promise<boolean> {
  if (!(await deps.decisions.find(request, request.id)) && !(await isAwaited(deps, request))) {
    await decideAsCampus(deps, request, 'withdrawn');
    return false;
  }
  return (await decideAsCampus(deps, request, 'expired')).outcome === 'expired';
}

/** Resumes a request a crash left resolving, unless its registration moved on (then it is withdrawn). */
async function resume(deps: ApprovalDeps, request: ApprovalRequest): Promise<boolean> {
  if (!(await isAwaited(deps, request))) {
    await decideAsCampus(deps, request, 'withdrawn');
    return false;
  }
  await resolveAndAsk(deps, request);
  return true;
}

const describeRequest = (request: ApprovalRequest) => ({ approvalId: request.id });

/**
 * The approval worker's pass (server.ts runs it on an interval, one pass at a time): finishes work a crash cut
 * short (including a registration left waiting with no request), reminds after two working days, and expires requests whose session is about to start. Each step is safe
 * to repeat and to run in several processes at once.
 */
export async function processApprovals(deps: ApprovalDeps, limit: number): Promise<ApprovalWorkReport> {
  const now = deps.clock.now();
  const reapplied = await each(
    deps,
    await deps.decisions.listUnapplied(new Date(now.getTime() - REAPPLY_AFTER_MS), limit),
    (d) => ({ approvalId: d.approvalId }),
    async (decision) => {
      const request = await deps.approvals.findById(decision, decision.approvalId);
      if (!request) return false;
      await finishDecision(deps, request, decision, true);
      return true;
    },
  );
  const resumed = await each(
    deps,
    await deps.approvals.listResolving(new Date(now.getTime() - RESUME_AFTER_MS), limit),
    describeRequest,
    (request) => resume(deps, request),
  );
  const expired = await each(deps, await deps.approvals.listExpired(now, limit), describeRequest, (request) =>
    expire(deps, request),
  );
  const reminded = await each(
    deps,
    await deps.approvals.listDueReminders(now, limit),
    describeRequest,
    (request) => remind(deps, request),
  );
  const requests = createApprovalRequests(deps);
  const requested = await each(
    deps,
    await deps.registrationDecisions.listAwaiting(new Date(now.getTime() - RESUME_AFTER_MS), limit),
    ({ registration }) => ({ registrationId: registration.id }),
    async ({ registration, session }) => {
      if (await deps.approvals.findByRegistration(registration, registration.id, registration.version))
        return false;
      await requests.requestApproval(registration, registration, session);
      return true;
    },
  );
  return { requested, resumed, reapplied, reminded, expired };
}
