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
  /**
   * Sends the card; resolves with the new activity's id. Throws a ProactiveSendError when the connector answered
   * with an error status (e.g. 403: app uninstalled), or the network error itself.
   */
  sendCard(reference: BotConversationReference, card: AdaptiveCard): Promise<string | null>;
}

/**
 * The connector refused or failed a post. `status` is its HTTP status; `retryAfterMs` what its Retry-After asked
 * for (429, 503); `permanent` when posting again cannot succeed: 403 (the bot was removed or blocked) or 404 (the
 * conversation is gone).
 */
export class ProactiveSendError extends Error {
  readonly permanent: boolean;
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterMs: number | null,
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'ProactiveSendError';
    this.permanent = status === 403 || status === 404;
  }
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now; null without one. */
function retryAfterMsOf(header: string | undefined | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

/** botbuilder's connector client throws a RestError with statusCode and the response; anything else passes as is. */
function toSendError(error: unknown): unknown {
  const rest = error as {
    statusCode?: unknown;
    response?: { headers?: { get?(name: string): string | undefined } };
  } | null;
  if (typeof rest?.statusCode !== 'number') return error;
  const retryAfter = rest.response?.headers?.get?.('retry-after');
  return new ProactiveSendError(
    `the Bot Framework connector answered ${rest.statusCode}`,
    rest.statusCode,
    retryAfterMsOf(retryAfter, Date.now()),
    { cause: error },
  );
}

/**
 * Proactive messages through botbuilder's CloudAdapter.continueConversationAsync, authenticated as the bot app
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages).
 * The connector client itself tries a throttled or failing post again a few times (3 retries, honouring
 * Retry-After) before it throws; callers that need more keep the post and retry it later.
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
      try {
        await adapter.continueConversationAsync(
          config.appId,
          reference as Partial<ConversationReference> as ConversationReference,
          async (context) => {
            const sent = await context.sendActivity(
              MessageFactory.attachment(CardFactory.adaptiveCard(card)),
            );
            activityId = sent?.id ?? null;
          },
        );
      } catch (error) {
        throw toSendError(error);
      }
      return activityId;
    },
  };
}
