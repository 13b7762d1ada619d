import type { ApprovalCardState } from '../ports.js';
import { banner, type CardElement, type Tone } from './adaptive-card.js';
import { approvalFacts } from './approval-request.js';

type Decided = Extract<ApprovalCardState, { state: 'decided' }>;
type Refused = Extract<ApprovalCardState, { state: 'refused' }>;

const presentation: Record<Decided['outcome'], { tone: Tone; title: string }> = {
  approved: { tone: 'good', title: 'Approved' },
  declined: { tone: 'attention', title: 'Declined' },
  expired: { tone: 'warning', title: 'Expired' },
  withdrawn: { tone: 'default', title: 'Withdrawn' },
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
  return [
    banner({ ...presentation[state.outcome], text: sentence(state), quote: state.comment }),
    ...approvalFacts(state.approval),
  ];
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
  const title = refusalTitles[state.code] ?? 'The decision did not go through';
  return [banner({ tone: 'attention', title, text: state.message })];
}
