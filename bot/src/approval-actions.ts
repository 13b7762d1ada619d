import { buildApprovalCard, type ApprovalCardHost } from './cards/approval-card.js';
import {
  approveVerb,
  commentInputId,
  declineVerb,
  maxCommentLength,
  refreshApprovalVerb,
} from './cards/approval-verbs.js';
import type { AdaptiveCard } from './cards/adaptive-card.js';
import type { ApprovalCardState, BotActor, CampusBotPorts } from './ports.js';

/** Where a press came from: the channel decides the card version (Outlook 1.4, Teams 1.5); Teams refreshes for the presser. */
export interface CardSurface {
  channelId: string;
  /** The presser's channel id (Teams: 29:…), listed for the card's automatic refresh in Teams. */
  fromId: string;
}

export const approvalVerbs: readonly string[] = [approveVerb, declineVerb, refreshApprovalVerb];

export function approvalCardHost(surface: CardSurface, ports: CampusBotPorts): ApprovalCardHost {
  return surface.channelId === 'outlook'
    ? { channel: 'outlook', originator: ports.outlookOriginator() }
    : { channel: 'msteams', refreshUserIds: surface.fromId ? [surface.fromId] : [] };
}

interface ApprovalData {
  approvalId: string;
  signature: string;
  comment: string | null;
}

/** Reads the pressed button's data (not yet trusted: the port checks the signature and the presser). */
function readApprovalData(data: unknown): ApprovalData | string {
  if (typeof data !== 'object' || data === null)
    return 'The approval action needs data with approvalId and signature.';
  const { approvalId, signature, [commentInputId]: comment } = data as Record<string, unknown>;
  if (typeof approvalId !== 'string' || approvalId.trim() === '')
    return 'The approval action needs data.approvalId, a non-empty string.';
  const text = typeof comment === 'string' ? comment.trim() : '';
  return {
    approvalId,
    signature: typeof signature === 'string' ? signature : '',
    comment: text === '' ? null : text,
  };
}

/**
 * Outlook delivers the Action.Execute presses of an actionable message to the bot through its Outlook channel, as the
 * same `adaptiveCard/action` invoke Teams sends (https://learn.microsoft.com/outlook/actionable-messages/universal-action-model).
 * Either way the request carries a Bot Framework token from Microsoft Entra ID, which CloudAdapter validates when
 * BOT_ID is set (https://learn.microsoft.com/outlook/actionable-messages/security-requirements asks every action
 * request's bearer token to be validated); the presser is `from.aadObjectId`, and the card's data is signed besides.
 *
 * Runs an approval verb (Approve, Decline, or the card's refresh) and answers with the card to show in place of the
 * one pressed. Returns a problem text for data the bot cannot read at all (the caller answers 400).
 */
export async function executeApprovalAction(
  verb: string,
  data: unknown,
  actor: BotActor,
  ports: CampusBotPorts,
  surface: CardSurface,
): Promise<AdaptiveCard | { problem: string }> {
  const read = readApprovalData(data);
  if (typeof read === 'string') return { problem: read };
  let state: ApprovalCardState;
  if (verb === refreshApprovalVerb) {
    state = await ports.showApproval(actor, read.approvalId, read.signature);
  } else if (read.comment !== null && read.comment.length > maxCommentLength) {
    state = {
      state: 'refused',
      code: 'CAMPUS_ERR_VALIDATION',
      message: `The comment is longer than ${maxCommentLength} characters; shorten it and press again.`,
    };
  } else {
    state = await ports.decideApproval(actor, {
      approvalId: read.approvalId,
      signature: read.signature,
      decision: verb === approveVerb ? 'approve' : 'decline',
      comment: read.comment,
    });
  }
  return buildApprovalCard({
    state,
    host: approvalCardHost(surface, ports),
    approvalsUrl: ports.approvalsUrl(),
  });
}
