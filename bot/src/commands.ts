import { TurnContext, type Activity } from 'botbuilder';
import { buildHelpCard } from './cards/help.js';
import { buildMySessionsCard } from './cards/my-sessions.js';
import { buildSessionListCard } from './cards/session-list.js';
import type { AdaptiveCard } from './cards/adaptive-card.js';
import type { BotActor, CampusBotPorts } from './ports.js';

/** How many sessions one list card shows; the tab has the rest (and cards have a size limit). */
const upcomingSessionsLimit = 8;

/** What a chat message asks for; anything the bot does not know gets help. */
export type Command = 'sessions' | 'mySessions' | 'help';

/** Reads the command from a message, without the @mention Teams puts in front of it in group chats and channels. */
export function parseCommand(activity: Activity): Command {
  const text = (TurnContext.removeRecipientMention(activity) ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (text === 'sessions') return 'sessions';
  if (text === 'my sessions') return 'mySessions';
  return 'help';
}

/** The card that answers a command. */
export async function answerCommand(
  command: Command,
  actor: BotActor,
  ports: CampusBotPorts,
): Promise<AdaptiveCard> {
  switch (command) {
    case 'sessions':
      return buildSessionListCard({
        sessions: await ports.listUpcomingSessions(actor, upcomingSessionsLimit),
        tabUrl: ports.tabUrl(),
      });
    case 'mySessions':
      return buildMySessionsCard({ sessions: await ports.listMySessions(actor), tabUrl: ports.tabUrl() });
    case 'help':
      return buildHelpCard({ tabUrl: ports.tabUrl() });
  }
}
