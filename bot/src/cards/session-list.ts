import type { BotSession } from '../ports.js';
import {
  adaptiveCard,
  heading,
  openCampusAction,
  type AdaptiveCard,
  type CardElement,
  type Container,
} from './adaptive-card.js';
import { sessionSummary } from './session-summary.js';

/** The verb of the Register button; its data is `{ sessionId }`. The invoke handler reads the same names. */
export const registerVerb = 'register';

function seatsText(seatsLeft: number): string {
  if (seatsLeft <= 0) return 'Full';
  return seatsLeft === 1 ? '1 seat left' : `${seatsLeft} seats left`;
}

function sessionItem(session: BotSession): Container {
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
  return { type: 'Container', separator: true, spacing: 'medium', items };
}

/** Upcoming sessions, each with a Register button (Universal Actions) while seats are left. */
export function buildSessionListCard(input: { sessions: BotSession[]; tabUrl: string }): AdaptiveCard {
  const body: CardElement[] =
    input.sessions.length === 0
      ? [{ type: 'TextBlock', text: 'No sessions are scheduled yet. Propose one in Campus.', wrap: true }]
      : input.sessions.map(sessionItem);
  return adaptiveCard([heading('Upcoming sessions'), ...body], [openCampusAction(input.tabUrl)]);
}
