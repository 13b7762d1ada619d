import type { ApprovalRequests } from '../registrations/approval-requests.js';
import type { Registration } from '../registrations/registration.js';
import type { Session } from '../sessions/session.js';
import type { TenantScope } from '../shared/tenant-scope.js';
import type { ApprovalPerson, ApprovalRequest, Approver, CalendarClash } from './approval.js';
import { errorDetails, viewerOf, type ApprovalDeps } from './approval-deps.js';
import { activeDelegate, matchingRule, type ApprovalSettings } from './approval-settings.js';
import { describeHours, hoursBetween, summarizeApproval } from './approval-summary.js';
import { decideAsCampus, newDecision, recordDecision } from './settle-decision.js';
import { addWorkingDays } from './working-days.js';

/** Approvers are reminded after this many working days without an answer. */
export const REMINDER_WORKING_DAYS = 2;

/**
 * The approval side of the registration lifecycle: asked when a registration becomes pendingApproval, told when
 * it leaves that state without a decision. Both may be repeated after a crash: the request is keyed by the
 * registration's round, and every message it sends carries its own idempotency key.
 */
export function createApprovalRequests(deps: ApprovalDeps): ApprovalRequests {
  return {
    async requestApproval(scope, registration, session) {
      await resolveAndAsk(deps, await openRequest(deps, scope, registration, session));
    },
    async withdraw(scope, registrationId) {
      for (const request of await deps.approvals.listOpenByRegistration(scope, registrationId)) {
        await decideAsCampus(deps, request, 'withdrawn');
      }
    },
  };
}

/** The request expires `lead` before the session; one made later than that expires at once (no time to decide). */
export function expiryOf(sessionStartsAt: Date, requestedAt: Date, leadMs: number): Date {
  return new Date(Math.max(sessionStartsAt.getTime() - leadMs, requestedAt.getTime()));
}

async function openRequest(
  deps: ApprovalDeps,
  scope: TenantScope,
  registration: Registration,
  session: Session,
): Promise<ApprovalRequest> {
  const existing = await deps.approvals.findByRegistration(scope, registration.id, registration.version);
  if (existing) return existing;
  const now = deps.clock.now();
  const fresh: ApprovalRequest = {
    id: deps.ids.newId(),
    tenantId: scope.tenantId,
    registrationId: registration.id,
    round: registration.version,
    session: {
      id: session.id,
      title: session.title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      timeZone: session.start.timeZone,
      organizerId: session.organizerId,
    },
    employee: { id: registration.userId, displayName: registration.displayName, mail: registration.mail },
    approver: null,
    status: 'resolving',
    hoursAway: hoursBetween(session.startsAt, session.endsAt),
    clash: { state: 'unknown' },
    requestedAt: now,
    remindAt: null,
    remindedAt: null,
    expiresAt: expiryOf(session.startsAt, now, deps.expiryLeadMs),
    decision: null,
    updatedAt: now,
  };
  if ((await deps.approvals.insert(fresh)) === 'inserted') return fresh;
  return (await deps.approvals.findByRegistration(scope, registration.id, registration.version)) ?? fresh;
}

/** The employee's manager now, or the session's organizer when the directory names no manager. */
async function resolveApprover(deps: ApprovalDeps, request: ApprovalRequest): Promise<Approver> {
  const manager = await deps.directory.findManager(request, request.employee.id);
  const person = manager ?? (await deps.directory.findPerson(request, request.session.organizerId));
  if (!person)
    throw new Error(`approval ${request.id}: neither a manager nor the organizer is in the directory`);
  const viewer = await viewerOf(deps, request, person.id, request.session.timeZone);
  return { ...person, source: manager ? 'manager' : 'organizer', ...viewer };
}

async function readClash(deps: ApprovalDeps, request: ApprovalRequest): Promise<CalendarClash> {
  try {
    const periods = await deps.directory.findBusyPeriods(
      request,
      request.employee,
      request.session.startsAt,
      request.session.endsAt,
    );
    return periods.length === 0 ? { state: 'free' } : { state: 'busy', periods };
  } catch (error) {
    deps.logger.warn(
      { approvalId: request.id, ...errorDetails(error) },
      "the employee's calendar was not read; the card says so",
    );
    return { state: 'unknown' };
  }
}

/**
 * Finds the approver (kept once found, so a resumed request asks the same person), applies their standing rule,
 * or asks them and their active delegate. The request becomes pending only after the messages went out; one left
 * resolving by a crash is resumed by the worker and sends the same messages under the same keys.
 */
export async function resolveAndAsk(deps: ApprovalDeps, request: ApprovalRequest): Promise<void> {
  if (request.status !== 'resolving') return;
  const approver = request.approver ?? (await resolveApprover(deps, request));
  const settings = await deps.settings.find(request, approver.id);
  // A rule is the supervisor's word about their own team; it does not extend to an organizer standing in.
  const rule = approver.source === 'manager' ? matchingRule(settings, request.hoursAway) : null;
  if (rule) {
    const comment = `Approved by ${approver.displayName}'s standing rule for sessions up to ${describeHours(rule.maxHours)}`;
    await recordDecision(
      deps,
      { ...request, approver },
      newDecision(
        deps,
        request,
        'approved',
        {
          userId: approver.id,
          name: `${approver.displayName}'s standing rule`,
          via: 'rule',
          ruleId: rule.id,
        },
        comment,
      ),
    );
    return;
  }
  const clash = request.approver ? request.clash : await readClash(deps, request);
  const remindAt = addWorkingDays(request.requestedAt, REMINDER_WORKING_DAYS, approver.timeZone);
  const resolved: ApprovalRequest = { ...request, approver, clash, remindAt };
  await deps.approvals.update(request, request.id, {
    approver,
    clash,
    remindAt,
    updatedAt: deps.clock.now(),
  });
  // Too late to decide: the worker's next pass expires it; no message would arrive in time to matter.
  if (resolved.expiresAt > deps.clock.now()) await askAll(deps, resolved, settings, 'request');
  await deps.approvals.update(request, request.id, { status: 'pending', updatedAt: deps.clock.now() });
}

/** Asks the approver and, while a delegation is active, their delegate (never the employee themself). */
export async function askAll(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  settings: ApprovalSettings | null,
  kind: 'request' | 'reminder',
): Promise<void> {
  const approver = request.approver;
  if (!approver) return;
  const signature = deps.signer.sign({
    approvalId: request.id,
    approverId: approver.id,
    expiresAt: request.expiresAt,
  });
  const ask = async (person: ApprovalPerson, viewer: { timeZone: string; locale: string }) => {
    const postInTeams = await deps.notices.record(
      request,
      `${kind}:${request.id}:${person.id}`,
      deps.clock.now(),
    );
    await deps.messenger.askToDecide(request, request, {
      person,
      summary: summarizeApproval(request, viewer),
      signature,
      kind,
      postInTeams,
    });
  };
  await ask(approver, approver);
  const delegate = activeDelegate(settings, deps.clock.now());
  if (!delegate || delegate.id.toLowerCase() === request.employee.id.toLowerCase()) return;
  await ask(delegate, await viewerOf(deps, request, delegate.id, approver.timeZone));
}
