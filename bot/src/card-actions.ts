import { showMySessionsVerb } from './cards/my-sessions.js';
import { buildRegistrationResultCard, showSessionsVerb } from './cards/registration-result.js';
import { registerVerb } from './cards/session-list.js';
import type { AdaptiveCard } from './cards/adaptive-card.js';
import { approvalVerbs, executeApprovalAction, type CardSurface } from './approval-actions.js';
import { answerCommand } from './commands.js';
import type { BotActor, CampusBotPorts } from './ports.js';

/** The verb and data of an Action.Execute press, as the client sent them (not yet trusted). */
export interface CardAction {
  verb: unknown;
  data: unknown;
}

/**
 * The body of the invoke response, in the Universal Actions format that Teams and Outlook both read: a card that
 * replaces the one pressed, or (for a request the bot cannot make sense of) a 400 error.
 */
export type CardActionResponse =
  | { statusCode: 200; type: 'application/vnd.microsoft.card.adaptive'; value: AdaptiveCard }
  | { statusCode: 400; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

/** Wraps a card as the Universal Actions answer that replaces the card the user pressed. */
export function cardResponse(card: AdaptiveCard): CardActionResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

/** A Universal Actions error for an invoke the bot cannot make sense of (400, as Microsoft documents). */
export function badRequest(code: 'BadRequest' | 'NotSupported', message: string): CardActionResponse {
  return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code, message } };
}

function readSessionId(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const { sessionId } = data as { sessionId?: unknown };
  return typeof sessionId === 'string' && sessionId.trim() !== '' ? sessionId : null;
}

/**
 * Runs an Action.Execute verb for the actor. Outlook's invokes (actionable messages through the bot's Outlook channel)
 * take the same path as Teams'; the surface only decides the version of approval cards sent back.
 */
export async function executeCardAction(
  action: CardAction,
  actor: BotActor,
  ports: CampusBotPorts,
  surface: CardSurface = { channelId: 'msteams', fromId: '' },
): Promise<CardActionResponse> {
  if (typeof action.verb === 'string' && approvalVerbs.includes(action.verb)) {
    const answer = await executeApprovalAction(action.verb, action.data, actor, ports, surface);
    return 'problem' in answer ? badRequest('BadRequest', answer.problem) : cardResponse(answer);
  }
  switch (action.verb) {
    case registerVerb: {
      const sessionId = readSessionId(action.data);
      if (sessionId === null)
        return badRequest('BadRequest', 'The register action needs data.sessionId, a non-empty string.');
      const outcome = await ports.registerForSession(actor, sessionId);
      return cardResponse(buildRegistrationResultCard({ outcome, tabUrl: ports.tabUrl() }));
    }
    case showSessionsVerb:
      return cardResponse(await answerCommand('sessions', actor, ports));
    case showMySessionsVerb:
      return cardResponse(await answerCommand('mySessions', actor, ports));
    default:
      return badRequest(
        'NotSupported',
        `Campus has no card action with the verb ${JSON.stringify(action.verb)}.`,
      );
  }
}
