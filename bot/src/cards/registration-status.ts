import type { BotRegistration, BotSession } from '../ports.js';
import { quoteBlock, type BannerText, type CardElement, type OpenUrlAction } from './adaptive-card.js';

function waitlistText(position: number | null): BannerText {
  return {
    tone: 'warning',
    title: position === null ? 'On the waitlist' : `Number ${position} on the waitlist`,
    text: `${position === null ? 'You are on the waitlist' : `You are number ${position} on the waitlist`}. Campus tells you when a seat frees up.`,
  };
}

/** Where a registration stands, in the viewer's words: every card that shows a registration says it this way. */
export function describeRegistration(registration: BotRegistration): BannerText {
  switch (registration.status) {
    case 'waitlisted':
      return waitlistText(registration.position);
    case 'pendingApproval': {
      const approver = registration.approverName ?? 'Your supervisor';
      return {
        tone: 'accent',
        title: 'Waiting for approval',
        text: `${approver} must approve your time away. Your seat is held until then, and Campus tells you the decision.`,
      };
    }
    case 'declined':
      return registration.expired
        ? {
            tone: 'attention',
            title: 'Declined',
            text: 'Nobody approved it before the session, so its seat went back. You may register again.',
          }
        : {
            tone: 'attention',
            title: 'Declined',
            text: 'Your supervisor declined your registration.',
            quote: registration.comment,
          };
    case 'promoted':
    case 'approved':
    case 'confirmed':
      return {
        tone: 'good',
        title: 'You are registered',
        text: 'Your seat is confirmed. The Outlook invitation brings the Teams meeting.',
      };
    case 'requested':
      return { tone: 'default', title: 'Being registered', text: 'Campus is finishing your registration.' };
    case 'cancelled':
      return { tone: 'default', title: 'Cancelled', text: 'This registration is cancelled.' };
    case 'attended':
      return { tone: 'good', title: 'Attended', text: 'You attended this session.' };
    case 'noShow':
      return { tone: 'warning', title: 'Missed', text: 'You were marked absent from this session.' };
  }
}

/** The state as lines under a session in a list: the title in its colour, the sentence, the comment. */
export function registrationLines(registration: BotRegistration): CardElement[] {
  const { tone, title, text, quote } = describeRegistration(registration);
  const lines: CardElement[] = [
    { type: 'TextBlock', text: title, weight: 'bolder', color: tone, wrap: true, spacing: 'small' },
    { type: 'TextBlock', text, wrap: true, isSubtle: true, spacing: 'none' },
  ];
  if (quote) lines.push(quoteBlock(quote));
  return lines;
}

const seatedStates = new Set<BotRegistration['status']>(['promoted', 'approved', 'confirmed']);

/** Join, for a registration that holds a confirmed seat in a session with a Teams meeting; otherwise null. */
export function joinAction(session: BotSession, registration: BotRegistration): OpenUrlAction | null {
  if (!session.joinUrl || !seatedStates.has(registration.status)) return null;
  return { type: 'Action.OpenUrl', title: 'Join', url: session.joinUrl };
}
