import type { BotSession } from '../ports.js';
import {
  adaptiveCard,
  heading,
  openCampusAction,
  timeRangeText,
  type AdaptiveCard,
  type CardElement,
} from './adaptive-card.js';

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

/**
 * A card listing sessions: the heading, one separated block per entry (or, without any, what to do instead) and
 * Open Campus, where the tab has the rest.
 */
export function sessionListCard<T>(input: {
  title: string;
  entries: T[];
  lines: (entry: T) => CardElement[];
  whenEmpty: string;
  tabUrl: string;
}): AdaptiveCard {
  const body: CardElement[] =
    input.entries.length === 0
      ? [{ type: 'TextBlock', text: input.whenEmpty, wrap: true }]
      : input.entries.map((entry) => ({
          type: 'Container',
          separator: true,
          spacing: 'medium',
          items: input.lines(entry),
        }));
  return adaptiveCard([heading(input.title), ...body], [openCampusAction(input.tabUrl)]);
}
