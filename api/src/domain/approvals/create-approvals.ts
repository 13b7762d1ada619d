import type { ApprovalDeps } from './approval-deps.js';
import type { ApprovalSettingsInput } from './approval-settings.js';
import { decideApprovalRequest, type ApprovalActor, type CardProof, type DecisionInput } from './decide-approval-request.js';
import { listApprovals, viewApproval } from './list-approvals.js';
import { getApprovalSettings, updateApprovalSettings } from './manage-approval-settings.js';
import { processApprovals } from './process-approvals.js';
import { createApprovalRequests } from './request-approval.js';

/** The approval use cases bound to their ports, for the routes, the bot, the registration lifecycle and the worker. */
export function createApprovals(deps: ApprovalDeps) {
  return {
    /** The registration lifecycle's ApprovalRequests port. */
    requests: createApprovalRequests(deps),
    list: (actor: ApprovalActor) => listApprovals(deps, actor),
    view: (actor: ApprovalActor, approvalId: string, proof?: CardProof) => viewApproval(deps, actor, approvalId, proof),
    decide: (actor: ApprovalActor, input: DecisionInput, proof?: CardProof) => decideApprovalRequest(deps, actor, input, proof),
    getSettings: (actor: ApprovalActor) => getApprovalSettings(deps, actor),
    updateSettings: (actor: ApprovalActor, input: ApprovalSettingsInput) => updateApprovalSettings(deps, actor, input),
    process: (limit: number) => processApprovals(deps, limit),
  };
}

export type Approvals = ReturnType<typeof createApprovals>;
