import { randomUUID } from 'node:crypto';

export const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const userAadObjectId = '00000000-0000-0000-0000-0000000000a1';
export const botId = '28:00000000-0000-0000-0000-0000000000b0';
export const conversationId = 'a:1personal-chat-with-campus';

/** The fields Teams puts on every activity it sends a bot in a personal chat. */
function teamsEnvelope(serviceUrl: string) {
  return {
    id: randomUUID(),
    timestamp: new Date('2025-03-01T08:00:00.000Z').toISOString(),
    localTimestamp: '2025-03-01T09:00:00.000+01:00',
    serviceUrl,
    channelId: 'msteams',
    from: { id: '29:1user-teams-id', name: 'Adele Vance', aadObjectId: userAadObjectId },
    conversation: { id: conversationId, conversationType: 'personal', tenantId },
    recipient: { id: botId, name: 'Campus' },
    channelData: { tenant: { id: tenantId } },
    locale: 'en-US',
  };
}

/** A chat message to the bot, as Teams posts it. */
export function teamsMessage(serviceUrl: string, text: string) {
  return { ...teamsEnvelope(serviceUrl), type: 'message', text, textFormat: 'plain', entities: [] };
}

/** Teams installing the bot in a personal chat: the bot itself is the member added. */
export function teamsBotInstalled(serviceUrl: string) {
  return { ...teamsEnvelope(serviceUrl), type: 'conversationUpdate', membersAdded: [{ id: botId }] };
}

/** An Action.Execute press on one of the bot's cards (Universal Actions). */
export function teamsCardAction(serviceUrl: string, action: { verb?: unknown; data?: unknown }) {
  return {
    ...teamsEnvelope(serviceUrl),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: '1:reply-with-the-card',
    value: { action: { type: 'Action.Execute', id: 'register-button', ...action }, trigger: 'manual' },
  };
}

/** Teams telling the bot it was installed for the user (personal scope). */
export function teamsInstallationUpdate(serviceUrl: string) {
  return { ...teamsEnvelope(serviceUrl), type: 'installationUpdate', action: 'add' };
}

/**
 * An Action.Execute press on a card in an Outlook actionable message, routed through the bot's Outlook channel: the
 * same `adaptiveCard/action` invoke as Teams, with channelId 'outlook'. The envelope's other fields are modelled on
 * Teams' (Microsoft does not publish a sample of Outlook's activity).
 */
export function outlookCardAction(serviceUrl: string, action: { verb?: unknown; data?: unknown }) {
  const envelope = teamsEnvelope(serviceUrl);
  return {
    ...envelope,
    channelId: 'outlook',
    from: { id: userAadObjectId, name: 'Adele Vance', aadObjectId: userAadObjectId },
    conversation: { id: `outlook-${randomUUID()}`, tenantId },
    channelData: {},
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', ...action }, trigger: 'manual' },
  };
}
