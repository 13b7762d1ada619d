import type { ApprovalCardState } from '../ports.js';
import type { CardElement, Container } from './adaptive-card.js';
import { approvalFacts } from './approval-request.js';

type Decided = Extract<ApprovalCardState, { state: 'decided' }>;
type Refused = Extract<ApprovalCardState, { state: 'refused' }>;

const presentation: Record<Decided['outcome'], { style: Container['style']; title: string }> = {
  approved: { style: 'good', title: 'Approved' },
  declined: { style: 'attention', title: 'Declined' },
  expired: { style: 'warning', title: 'Expired' },
  withdrawn: { style: 'default', title: 'Withdrawn' },
};

function sentence(state: Decided): string {
  const { employeeName, sessionTitle } = state.approval;
  const session = `${employeeName}'s registration for **${sessionTitle}**`;
  switch (state.outcome) {
    case 'approved':
      return `${state.decidedBy ?? 'Campus'} approved ${session}. The Outlook invitation is on its way to them.`;
    case 'declined':
      return `${state.decidedBy ?? 'Campus'} declined ${session}. The seat went to the next person waiting.`;
    case 'expired':
      return `Nobody decided on ${session} before the session, so its seat went back. ${employeeName} may register again.`;
    case 'withdrawn':
      return `${session} was withdrawn; there is nothing left to decide.`;
  }
}

/** The card after a decision (or once the request expired or was withdrawn). */
export function decidedApprovalBody(state: Decided): CardElement[] {
  const { style, title } = presentation[state.outcome];
  const items: CardElement[] = [
    { type: 'TextBlock', text: title, weight: 'bolder', size: 'medium', wrap: true },
    { type: 'TextBlock', text: sentence(state), wrap: true },
  ];
  if (state.comment)
    items.push({ type: 'TextBlock', text: `“${state.comment}”`, wrap: true, isSubtle: true });
  return [{ type: 'Container', style, items }, ...approvalFacts(state.approval)];
}

const refusalTitles: Record<string, string> = {
  CAMPUS_ERR_NOT_APPROVER: 'This request is not yours to decide',
  CAMPUS_ERR_APPROVAL_SIGNATURE_INVALID: 'Campus could not verify this card',
  CAMPUS_ERR_APPROVAL_NOT_FOUND: 'This approval request does not exist',
  CAMPUS_ERR_ALREADY_DECIDED: 'This request was already decided',
  CAMPUS_ERR_APPROVAL_CLOSED: 'This request is closed',
};

/** Why the viewer cannot act on the card (someone else's request, an edited card, a closed request). */
export function refusedApprovalBody(state: Refused): CardElement[] {
  return [
    {
      type: 'Container',
      style: 'attention',
      items: [
        {
          type: 'TextBlock',
          text: refusalTitles[state.code] ?? 'The decision did not go through',
          weight: 'bolder',
          size: 'medium',
          wrap: true,
        },
        { type: 'TextBlock', text: state.message, wrap: true },
      ],
    },
  ];
}
