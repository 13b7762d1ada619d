import type { TenantScope } from '../shared/tenant-scope.js';
import type { ApprovalDeps } from './approval-deps.js';
import { errorDetails } from './approval-deps.js';
import { activeDelegate, listActiveDelegations } from './approval-settings.js';
import type { ApprovalActor } from './decide-approval-request.js';

/** Who a registration waiting for approval waits for: the approver, and a delegate who may decide in their name. */
export interface ApprovalWait {
  approvalId: string;
  approver: { id: string; displayName: string };
  delegate: { id: string; displayName: string; until: Date | null } | null;
}

/** A supervisor for whom the actor may decide now, as their delegate. */
export interface DelegatedApprover {
  id: string;
  /** Null when the directory could not be read just now. */
  displayName: string | null;
  until: Date | null;
}

/**
 * The open, resolved request of each registration (the employee's own views ask; few of them wait at once), with
 * the approver's active delegate. Registrations whose approver is still being found are left out.
 */
export async function findApprovalWaits(
  deps: Pick<ApprovalDeps, 'approvals' | 'settings' | 'clock'>,
  scope: TenantScope,
  registrationIds: readonly string[],
): Promise<Map<string, ApprovalWait>> {
  const now = deps.clock.now();
  const waits = new Map<string, ApprovalWait>();
  for (const registrationId of registrationIds) {
    const open = await deps.approvals.listOpenByRegistration(scope, registrationId);
    const request = open.find((candidate) => candidate.status === 'pending' && candidate.approver !== null);
    if (!request?.approver) continue;
    const settings = await deps.settings.find(scope, request.approver.id);
    const delegate = activeDelegate(settings, now);
    waits.set(registrationId, {
      approvalId: request.id,
      approver: { id: request.approver.id, displayName: request.approver.displayName },
      delegate: delegate && {
        id: delegate.id,
        displayName: delegate.displayName,
        until: settings?.delegation?.until ?? null,
      },
    });
  }
  return waits;
}

/** Supervisors whose delegation to the actor is active now: the actor may see and decide their requests. */
export async function listDelegatedApprovers(
  deps: Pick<ApprovalDeps, 'settings' | 'clock' | 'directory' | 'logger'>,
  actor: ApprovalActor,
): Promise<DelegatedApprover[]> {
  const active = await listActiveDelegations(deps.settings, actor, actor.userId, deps.clock.now());
  return Promise.all(
    active.map(async (settings) => ({
      id: settings.userId,
      displayName: await nameOf(deps, actor, settings.userId),
      until: settings.delegation?.until ?? null,
    })),
  );
}

/** The person's name from the directory; a directory that cannot answer costs the name, not the answer. */
async function nameOf(
  deps: Pick<ApprovalDeps, 'directory' | 'logger'>,
  scope: TenantScope,
  userId: string,
): Promise<string | null> {
  try {
    return (await deps.directory.findPerson(scope, userId))?.displayName ?? null;
  } catch (error) {
    deps.logger.warn({ userId, ...errorDetails(error) }, 'delegating supervisor not read from the directory');
    return null;
  }
}
