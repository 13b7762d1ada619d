import { TurnContext, type Activity } from 'botbuilder';
import type { BotConversationReference } from './ports.js';

/**
 * The personal Teams chat of this activity, where Campus may post to the user later (approval cards); null for
 * other channels and for group chats and channels, where a card meant for one person must not go.
 */
export function personalConversationOf(activity: Activity): BotConversationReference | null {
  const reference = TurnContext.getConversationReference(activity);
  const { conversation, bot, user, serviceUrl, channelId } = reference;
  if (channelId !== 'msteams' || !conversation || !bot || !user || !serviceUrl) return null;
  if (conversation.conversationType !== undefined && conversation.conversationType !== 'personal')
    return null;
  return {
    channelId,
    serviceUrl,
    conversation: {
      id: conversation.id,
      ...(conversation.tenantId ? { tenantId: conversation.tenantId } : {}),
      ...(conversation.conversationType ? { conversationType: conversation.conversationType } : {}),
    },
    bot: { id: bot.id, ...(bot.name ? { name: bot.name } : {}) },
    user: {
      id: user.id,
      ...(user.name ? { name: user.name } : {}),
      ...(user.aadObjectId ? { aadObjectId: user.aadObjectId } : {}),
    },
    ...(reference.locale ? { locale: reference.locale } : {}),
  };
}
