import type { BotOpenSession } from '../ports.js';
import type { AdaptiveCard, CardElement } from './adaptive-card.js';
import { sessionListCard, sessionSummary } from './session-summary.js';

/** The verb of the Register button; its data is `{ sessionId }`. The invoke handler reads the same names. */
export const registerVerb = 'register';

function seatsText(seatsLeft: number): string {
  if (seatsLeft <= 0) return 'Full';
  return seatsLeft === 1 ? '1 seat left' : `${seatsLeft} seats left`;
}

function sessionLines(session: BotOpenSession): CardElement[] {
  const items: CardElement[] = sessionSummary(session, seatsText(session.seatsLeft));
  if (session.abstract) items.push({ type: 'TextBlock', text: session.abstract, wrap: true, maxLines: 3 });
  if (session.seatsLeft > 0) {
    items.push({
      type: 'ActionSet',
      actions: [
        {
          type: 'Action.Execute',
          title: 'Register',
          verb: registerVerb,
          data: { sessionId: session.id },
          style: 'positive',
        },
      ],
    });
  }
  return items;
}

/** Upcoming sessions, each with a Register button (Universal Actions) while seats are left. */
export function buildSessionListCard(input: { sessions: BotOpenSession[]; tabUrl: string }): AdaptiveCard {
  return sessionListCard({
    title: 'Upcoming sessions',
    entries: input.sessions,
    lines: sessionLines,
    whenEmpty: 'No sessions are scheduled yet. Propose one in Campus.',
    tabUrl: input.tabUrl,
  });
}
