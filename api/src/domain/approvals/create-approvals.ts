import type { TenantScope } from '../shared/tenant-scope.js';
import type { BookSessionEvent } from '../calendar/book-session-event.js';
import type { ApprovalDecisionStore, ApprovalNoticeLog, ApprovalStore } from './approval.js';
import type { ApprovalDeps } from './approval-deps.js';
import type { ApprovalMessenger, ApproverDirectory } from './approval-ports.js';
import type { ApprovalSettingsInput, ApprovalSettingsStore } from './approval-settings.js';
import type { ApprovalSigner } from './approval-signature.js';
import {
  decideApprovalRequest,
  type ApprovalActor,
  type CardProof,
  type DecisionInput,
} from './decide-approval-request.js';
import { findApprovalWaits, listDelegatedApprovers } from './approval-waits.js';
import type { DecidedCursor } from './approval.js';
import { listApprovals, viewApproval } from './list-approvals.js';
import { listDecidedApprovals } from './list-decided-approvals.js';
import { getApprovalSettings, updateApprovalSettings } from './manage-approval-settings.js';
import { processApprovals } from './process-approvals.js';
import { createApprovalRequests } from './request-approval.js';

/** Mail that goes through the durable outbox (the calendar booking port's requestMail): sent once per key. */
export type DurableMail = Pick<BookSessionEvent, 'requestMail'>;

/** What supervisor approval needs beyond what Campus already has (clock, ids, logger, the registration lifecycle). */
export interface ApprovalPorts {
  approvals: ApprovalStore;
  decisions: ApprovalDecisionStore;
  notices: ApprovalNoticeLog;
  settings: ApprovalSettingsStore;
  directory: ApproverDirectory;
  signer: ApprovalSigner;
  /** A request expires this long before its session starts. */
  expiryLeadMs: number;
  /** Builds the messenger over the outbox's mail, which exists only once Campus has built its booking port. */
  createMessenger(mail: DurableMail): ApprovalMessenger;
}

/** The approval use cases bound to their ports, for the routes, the bot, the registration lifecycle and the worker. */
export function createApprovals(deps: ApprovalDeps) {
  return {
    /** The registration lifecycle's ApprovalRequests port. */
    requests: createApprovalRequests(deps),
    list: (actor: ApprovalActor) => listApprovals(deps, actor),
    listDecided: (actor: ApprovalActor, page: { limit: number; after: DecidedCursor | null }) =>
      listDecidedApprovals(deps, actor, page),
    /** Who each of these registrations waits for, for the employee's own views. */
    findWaits: (scope: TenantScope, registrationIds: readonly string[]) =>
      findApprovalWaits(deps, scope, registrationIds),
    /** Supervisors the actor may decide for now, as their delegate. */
    listDelegatedApprovers: (actor: ApprovalActor) => listDelegatedApprovers(deps, actor),
    view: (actor: ApprovalActor, approvalId: string, proof?: CardProof) =>
      viewApproval(deps, actor, approvalId, proof),
    decide: (actor: ApprovalActor, input: DecisionInput, proof?: CardProof) =>
      decideApprovalRequest(deps, actor, input, proof),
    getSettings: (actor: ApprovalActor) => getApprovalSettings(deps, actor),
    updateSettings: (actor: ApprovalActor, input: ApprovalSettingsInput) =>
      updateApprovalSettings(deps, actor, input),
    process: (limit: number) => processApprovals(deps, limit),
    /** Campus's clock, for views that say whether a delegation is active. */
    now: () => deps.clock.now(),
  };
}

export type Approvals = ReturnType<typeof createApprovals>;
