import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  MessageFactory,
  type ConversationReference,
} from 'botbuilder';
import { authenticationSettings, type BotConfig } from './bot-handler.js';
import type { AdaptiveCard } from './cards/adaptive-card.js';
import type { BotConversationReference } from './ports.js';

/** Posts cards into conversations the bot already has (Teams lets a bot post proactively only there). */
export interface ProactiveMessenger {
  /** Sends the card; resolves with the new activity's id. Throws when the channel refuses (e.g. 403: app uninstalled). */
  sendCard(reference: BotConversationReference, card: AdaptiveCard): Promise<string | null>;
}

/**
 * Proactive messages through botbuilder's CloudAdapter.continueConversationAsync, authenticated as the bot app
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages).
 */
export function createProactiveMessenger(config: BotConfig): ProactiveMessenger {
  const settings = authenticationSettings(config);
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(
      settings,
      new ConfigurationServiceClientCredentialFactory(settings),
    ),
  );
  return {
    async sendCard(reference, card) {
      let activityId: string | null = null;
      await adapter.continueConversationAsync(
        config.appId,
        reference as Partial<ConversationReference> as ConversationReference,
        async (context) => {
          const sent = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
          activityId = sent?.id ?? null;
        },
      );
      return activityId;
    },
  };
}
