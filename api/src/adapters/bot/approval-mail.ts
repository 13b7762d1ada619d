import { buildApprovalCard } from '@campus/bot';
import type { ApprovalRequest, ApprovalDecision } from '../../domain/approvals/approval.js';
import type { ApprovalSummary } from '../../domain/approvals/approval-summary.js';
import type { BotApproval } from '@campus/bot';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** JSON inside a <script> element: `<` escaped so no text of the card can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * The approval request as an Outlook actionable message: the Adaptive Card (1.4, with the originator, Universal
 * Actions routed through the bot's Outlook channel) in `<script type="application/adaptivecard+json">` in the head,
 * as https://learn.microsoft.com/outlook/actionable-messages/send-via-email describes, and the same facts in HTML
 * with a link to the approvals view for mail clients that show no card.
 */
export function approvalRequestHtml(input: {
  approval: BotApproval;
  originator: string;
  approvalsUrl: string;
  reminder: boolean;
}): string {
  const { approval, originator, approvalsUrl, reminder } = input;
  const card = buildApprovalCard({
    state: { state: 'pending', approval },
    host: { channel: 'outlook', originator },
    approvalsUrl,
  });
  const facts = [
    ['When', approval.whenText],
    ['Time away', approval.hoursAwayText],
    ['Calendar', approval.clashText],
    ['Decide by', approval.expiresText],
  ]
    .map(
      ([title, value]) =>
        `<tr><th align="left">${escapeHtml(title!)}</th><td>${escapeHtml(value!)}</td></tr>`,
    )
    .join('');
  const onBehalf = approval.onBehalfOfName
    ? `<p>You decide for ${escapeHtml(approval.onBehalfOfName)}, who delegated approvals to you.</p>`
    : '';
  return [
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
    `<script type="application/adaptivecard+json">${scriptJson(card)}</script>`,
    '</head><body>',
    reminder ? '<p><strong>Reminder:</strong> this request is still waiting for your decision.</p>' : '',
    `<p><strong>${escapeHtml(approval.employeeName)}</strong> asks to attend <strong>${escapeHtml(approval.sessionTitle)}</strong>.</p>`,
    onBehalf,
    `<table>${facts}</table>`,
    `<p><a href="${escapeHtml(approvalsUrl)}">Approve or decline in Campus</a></p>`,
    '</body></html>',
  ].join('');
}

const outcomeWords: Record<ApprovalDecision['outcome'], string> = {
  approved: 'was approved',
  declined: 'was declined',
  expired: 'expired without a decision',
  withdrawn: 'was withdrawn',
};

/** The mail that tells the employee how their request ended. */
export function approvalOutcomeMail(
  request: ApprovalRequest,
  decision: ApprovalDecision,
  summary: ApprovalSummary,
  tabUrl: string,
) {
  const title = escapeHtml(request.session.title);
  const lead =
    decision.outcome === 'expired'
      ? `Nobody decided on your registration for <strong>${title}</strong> before the session, so its seat went back. You may register again.`
      : `${escapeHtml(decision.decidedBy.name ?? 'Your supervisor')} ${decision.outcome} your registration for <strong>${title}</strong> (${escapeHtml(summary.whenText)}).`;
  const next =
    decision.outcome === 'approved' ? '<p>The Outlook invitation with the Teams meeting follows.</p>' : '';
  const comment = decision.comment ? `<blockquote>${escapeHtml(decision.comment)}</blockquote>` : '';
  return {
    subject: `Your registration for “${request.session.title}” ${outcomeWords[decision.outcome]}`,
    html: `<html><body><p>${lead}</p>${comment}${next}<p><a href="${escapeHtml(tabUrl)}">Open Campus</a></p></body></html>`,
  };
}
