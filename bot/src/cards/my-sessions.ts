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

function sessionItem(session: BotSession): Container {
  const items: CardElement[] = sessionSummary(session);
  if (session.joinUrl) {
    items.push({
      type: 'ActionSet',
      actions: [{ type: 'Action.OpenUrl', title: 'Join', url: session.joinUrl }],
    });
  }
  return { type: 'Container', separator: true, spacing: 'medium', items };
}

/** The sessions the viewer registered for, with a Join button for those that have an online meeting. */
export function buildMySessionsCard(input: { sessions: BotSession[]; tabUrl: string }): AdaptiveCard {
  const body: CardElement[] =
    input.sessions.length === 0
      ? [
          {
            type: 'TextBlock',
            text: 'You are not registered for any upcoming session. Send **sessions** to see what is on.',
            wrap: true,
          },
        ]
      : input.sessions.map(sessionItem);
  return adaptiveCard([heading('Your sessions'), ...body], [openCampusAction(input.tabUrl)]);
}
