import { ActivityTypes, type TurnContext } from 'botbuilder';
import { cardActionInvokeName, sendCard } from './campus-bot.js';
import { cardResponse } from './card-actions.js';
import type { AdaptiveCard } from './cards/adaptive-card.js';
import { buildErrorCard } from './cards/error.js';
import type { BotLogger } from './logger.js';

function faultCard(tabUrl: string): AdaptiveCard {
  return buildErrorCard({
    title: 'Something went wrong',
    message:
      'Campus could not finish that just now. Try again in a moment; if it keeps happening, open Campus.',
    tabUrl,
  });
}

/**
 * The adapter's onTurnError: logs the fault and tells the user in a card. An Action.Execute press gets the card as
 * its invoke response (in place of the card pressed); other invokes get a 500; messages get a reply. If even that
 * fails (the connector is down), it is logged and the turn ends: the process never crashes on a turn.
 */
export function createTurnErrorHandler(tabUrl: () => string, logger: BotLogger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const { type, name, id, channelId } = context.activity;
    logger.error(
      { err: error, activityType: type, activityName: name, activityId: id, channelId },
      'bot turn failed',
    );
    try {
      if (type === ActivityTypes.Invoke) {
        const value =
          name === cardActionInvokeName
            ? { status: 200, body: cardResponse(faultCard(tabUrl())) }
            : { status: 500 };
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value });
      } else {
        await sendCard(context, faultCard(tabUrl()));
      }
    } catch (sendError) {
      logger.error(
        { err: sendError, activityId: id, channelId },
        'could not tell the user about a failed bot turn',
      );
    }
  };
}
