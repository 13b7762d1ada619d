import type { ApprovalCardState } from '../ports.js';
import {
  adaptiveCard,
  adaptiveCardVersion,
  outlookCardVersion,
  type AdaptiveCard,
  type ExecuteAction,
  type OpenUrlAction,
} from './adaptive-card.js';
import { pendingApprovalBody, pendingApprovalActions } from './approval-request.js';
import { decidedApprovalBody, refusedApprovalBody } from './approval-result.js';
import { refreshApprovalVerb } from './approval-verbs.js';

/**
 * Where the card is shown. Outlook (actionable message, through the bot's Outlook channel) takes card version 1.4 and
 * the registered originator; Teams takes 1.5, and refreshes on view for the users listed (their Teams ids).
 */
export type ApprovalCardHost =
  { channel: 'outlook'; originator: string } | { channel: 'msteams'; refreshUserIds: string[] };

export function openApprovalsAction(url: string): OpenUrlAction {
  return { type: 'Action.OpenUrl', title: 'Open approvals in Campus', url };
}

function refreshAction(approvalId: string, signature: string): ExecuteAction {
  return {
    type: 'Action.Execute',
    title: 'Refresh',
    verb: refreshApprovalVerb,
    data: { approvalId, signature },
  };
}

/** The approval card for one viewer and host: the request with Approve/Decline, its outcome, or a refusal. */
export function buildApprovalCard(input: {
  state: ApprovalCardState;
  host: ApprovalCardHost;
  approvalsUrl: string;
}): AdaptiveCard {
  const { state, host, approvalsUrl } = input;
  const open = openApprovalsAction(approvalsUrl);
  const card =
    state.state === 'pending'
      ? adaptiveCard(pendingApprovalBody(state.approval), pendingApprovalActions(state.approval, open))
      : adaptiveCard(state.state === 'decided' ? decidedApprovalBody(state) : refusedApprovalBody(state), [
          open,
        ]);
  const approval = state.state === 'refused' ? null : state.approval;
  const refresh = approval ? { action: refreshAction(approval.approvalId, approval.signature) } : null;
  if (host.channel === 'outlook') {
    return {
      ...card,
      version: outlookCardVersion,
      originator: host.originator,
      ...(refresh ? { refresh } : {}),
    };
  }
  const userIds = host.refreshUserIds;
  return {
    ...card,
    version: adaptiveCardVersion,
    ...(refresh ? { refresh: userIds.length > 0 ? { ...refresh, userIds } : refresh } : {}),
  };
}
