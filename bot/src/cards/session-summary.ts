import type { BotSession } from '../ports.js';
import { timeRangeText, type CardElement } from './adaptive-card.js';

/** Title, time (in the viewer's zone), presenter and place of a session: the lines every session card shows. */
export function sessionSummary(session: BotSession, detail?: string): CardElement[] {
  const where = session.online ? 'Online' : 'In person';
  return [
    { type: 'TextBlock', text: session.title, weight: 'bolder', wrap: true },
    {
      type: 'TextBlock',
      text: timeRangeText(session.startsAt, session.endsAt),
      isSubtle: true,
      spacing: 'none',
    },
    {
      type: 'TextBlock',
      text: [session.presenterName, where, detail].filter(Boolean).join(' · '),
      isSubtle: true,
      wrap: true,
      spacing: 'none',
    },
  ];
}
