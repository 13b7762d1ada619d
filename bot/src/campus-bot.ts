import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { resolveActor } from './actor.js';
import { badRequest, cardResponse, executeCardAction, type CardActionResponse } from './card-actions.js';
import type { AdaptiveCard } from './cards/adaptive-card.js';
import { buildErrorCard } from './cards/error.js';
import { buildWelcomeCard } from './cards/help.js';
import { answerCommand, parseCommand } from './commands.js';
import { personalConversationOf } from './conversation-reference.js';
import { consoleLogger, type BotLogger } from './logger.js';
import type { CampusBotPorts } from './ports.js';

/** The invoke name of Universal Actions (Action.Execute) in Teams and Outlook. */
export const cardActionInvokeName = 'adaptiveCard/action';

/** The card shown when the sender has no Microsoft Entra identity, so Campus cannot know who they are. */
export function entraAccountRequiredCard(tabUrl: string): AdaptiveCard {
  return buildErrorCard({
    title: 'Campus needs a Microsoft Entra account',
    message: 'Sign in to Teams with your work or school account to browse and register for sessions.',
    tabUrl,
  });
}

/** Sends a card as a message in the conversation of the turn. */
export async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

function asInvokeResponse(response: CardActionResponse): AdaptiveCardInvokeResponse {
  return { statusCode: response.statusCode, type: response.type, value: { ...response.value } };
}

/** The Campus bot: chat commands, a welcome when added, and Action.Execute presses on its cards. */
export class CampusBot extends TeamsActivityHandler {
  constructor(
    private readonly ports: CampusBotPorts,
    private readonly logger: BotLogger = consoleLogger,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.rememberConversation(context);
      const actor = resolveActor(context.activity);
      const card = actor
        ? await answerCommand(parseCommand(context.activity), actor, this.ports)
        : entraAccountRequiredCard(this.ports.tabUrl());
      await sendCard(context, card);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const { membersAdded = [], recipient, from } = context.activity;
      if (membersAdded.some((member) => member.id === recipient.id)) {
        await this.rememberConversation(context);
        await sendCard(
          context,
          buildWelcomeCard({ displayName: from?.name ?? '', tabUrl: this.ports.tabUrl() }),
        );
      }
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.rememberConversation(context);
      await next();
    });
  }

  /**
   * Keeps the user's personal chat so Campus can post to them later (approval cards). A failure is logged, not
   * shown: the user asked for something else, and the next message tries again.
   */
  private async rememberConversation(context: TurnContext): Promise<void> {
    const actor = resolveActor(context.activity);
    const reference = personalConversationOf(context.activity);
    if (!actor || !reference) return;
    try {
      await this.ports.rememberConversation(actor, reference);
    } catch (error) {
      this.logger.warn({ err: error, userId: actor.userId }, 'the Teams conversation was not remembered');
    }
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    // botbuilder reads value.action.type without checking that `action` is there; answer that as a bad request.
    const value: unknown = context.activity.value;
    if (context.activity.name === cardActionInvokeName && typeof value === 'object' && value !== null) {
      const { action } = value as { action?: unknown };
      if (typeof action !== 'object' || action === null) {
        return { status: 400, body: badRequest('BadRequest', 'The invoke value has no action.') };
      }
    }
    return super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const actor = resolveActor(context.activity);
    if (!actor) return asInvokeResponse(cardResponse(entraAccountRequiredCard(this.ports.tabUrl())));
    const { verb, data } = invokeValue.action;
    const surface = { channelId: context.activity.channelId, fromId: context.activity.from?.id ?? '' };
    return asInvokeResponse(await executeCardAction({ verb, data }, actor, this.ports, surface));
  }
}
