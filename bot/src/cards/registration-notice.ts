import type { BotRegistrationNotice } from '../ports.js';
import {
  adaptiveCard,
  banner,
  openCampusAction,
  type AdaptiveCard,
  type BannerText,
  type CardElement,
} from './adaptive-card.js';
import { registrationActions } from './my-sessions.js';
import { describeRegistration, registrationLines } from './registration-status.js';
import { sessionSummary } from './session-summary.js';

const cancelledBy: Record<Extract<BotRegistrationNotice, { kind: 'cancelled' }>['by'], string> = {
  organizer: 'an organizer',
  supervisor: 'your supervisor',
  system: 'Campus',
};

function headline(notice: BotRegistrationNotice): BannerText {
  const title = `**${notice.session.title}**`;
  switch (notice.kind) {
    case 'promoted': {
      const { registration } = notice;
      const text =
        registration.status === 'pendingApproval'
          ? `A seat freed up in ${title}. ${describeRegistration(registration).text}`
          : `A seat freed up in ${title}, and it is yours. The Outlook invitation brings the Teams meeting.`;
      return { tone: 'good', title: 'You have a seat', text };
    }
    case 'approved':
      return {
        tone: 'good',
        title: 'Approved',
        text: `Your supervisor approved your registration for ${title}. The Outlook invitation brings the Teams meeting.`,
        quote: notice.comment,
      };
    case 'declined':
      return notice.registration.status === 'declined' && notice.registration.expired
        ? {
            tone: 'attention',
            title: 'Declined',
            text: `Nobody approved your registration for ${title} before the session, so its seat went back.`,
          }
        : {
            tone: 'attention',
            title: 'Declined',
            text: `Your supervisor declined your registration for ${title}.`,
            quote: notice.comment,
          };
    case 'cancelled':
      return {
        tone: 'attention',
        title: 'Registration cancelled',
        text: `Your registration for ${title} was cancelled by ${cancelledBy[notice.by]}.`,
        quote: notice.reason,
      };
    case 'rescheduled':
      return {
        tone: 'accent',
        title: 'New time',
        text: `${title} moved; the new time is below. Your Outlook calendar follows.`,
      };
    case 'sessionCancelled':
      return {
        tone: 'attention',
        title: 'Session cancelled',
        text: `${title} was cancelled, and it leaves your Outlook calendar.`,
        quote: notice.message,
      };
  }
}

/**
 * What Campus posts to a person in Teams when their registration changed without them: the change, the session (its
 * time in the viewer's zone), Join when they hold a seat in an online session, and their sessions.
 */
export function buildRegistrationNoticeCard(input: {
  notice: BotRegistrationNotice;
  tabUrl: string;
}): AdaptiveCard {
  const { notice } = input;
  const body: CardElement[] = [banner(headline(notice)), ...sessionSummary(notice.session)];
  // A new time changes nothing about the registration; say where it stands (a waitlist place, say) beside it.
  if (notice.kind === 'rescheduled') body.push(...registrationLines(notice.registration));
  return adaptiveCard(body, [
    ...registrationActions(notice.session, notice.registration),
    openCampusAction(input.tabUrl),
  ]);
}
