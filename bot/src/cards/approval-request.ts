import type { BotApproval } from '../ports.js';
import {
  heading,
  type CardAction,
  type CardElement,
  type OpenUrlAction,
  type TextBlock,
} from './adaptive-card.js';
import { approveVerb, commentInputId, declineVerb, maxCommentLength } from './approval-verbs.js';

const clashColor: Record<BotApproval['clash'], TextBlock['color']> = {
  free: 'good',
  busy: 'attention',
  unknown: 'warning',
};

/** The facts an approver weighs: when (in their zone), how long away from work, calendar clash, and the deadline. */
export function approvalFacts(approval: BotApproval): CardElement[] {
  return [
    {
      type: 'FactSet',
      facts: [
        { title: 'When', value: approval.whenText },
        { title: 'Time away', value: approval.hoursAwayText },
        { title: 'Decide by', value: approval.expiresText },
      ],
    },
    {
      type: 'TextBlock',
      text: approval.clashText,
      wrap: true,
      color: clashColor[approval.clash],
      spacing: 'small',
    },
  ];
}

export function pendingApprovalBody(approval: BotApproval): CardElement[] {
  const body: CardElement[] = [
    heading('Approve time for a Campus session?'),
    {
      type: 'TextBlock',
      text: `**${approval.employeeName}** asks to attend **${approval.sessionTitle}**.`,
      wrap: true,
    },
  ];
  if (approval.onBehalfOfName) {
    body.push({
      type: 'TextBlock',
      text: `You decide for ${approval.onBehalfOfName}, who delegated approvals to you.`,
      wrap: true,
      isSubtle: true,
      spacing: 'small',
    });
  }
  body.push(...approvalFacts(approval), {
    type: 'Input.Text',
    id: commentInputId,
    label: 'Comment (optional)',
    placeholder: `A note for ${approval.employeeName}`,
    isMultiline: true,
    maxLength: maxCommentLength,
    spacing: 'medium',
  });
  return body;
}

/** Approve and Decline carry the request's id and signature; the comment input travels with them. */
export function pendingApprovalActions(approval: BotApproval, open: OpenUrlAction): CardAction[] {
  const data = { approvalId: approval.approvalId, signature: approval.signature };
  return [
    { type: 'Action.Execute', title: 'Approve', verb: approveVerb, data, style: 'positive' },
    { type: 'Action.Execute', title: 'Decline', verb: declineVerb, data, style: 'destructive' },
    open,
  ];
}
