import type { BotMySession, BotRegistration, BotSession } from '../ports.js';
import type { AdaptiveCard, CardAction, CardElement } from './adaptive-card.js';
import { joinAction, registrationLines } from './registration-status.js';
import { sessionListCard, sessionSummary } from './session-summary.js';

/** The verb of the "My sessions" button on notices and results: the viewer's sessions in place of the card. */
export const showMySessionsVerb = 'showMySessions';

/** The buttons under one registration on a result or a notice: Join when there is a seat and a meeting, My sessions. */
export function registrationActions(session: BotSession, registration: BotRegistration): CardAction[] {
  const join = joinAction(session, registration);
  const mySessions: CardAction = { type: 'Action.Execute', title: 'My sessions', verb: showMySessionsVerb };
  return join ? [join, mySessions] : [mySessions];
}

function mySessionLines({ session, registration }: BotMySession): CardElement[] {
  const items: CardElement[] = [...sessionSummary(session), ...registrationLines(registration)];
  const join = joinAction(session, registration);
  if (join) items.push({ type: 'ActionSet', actions: [join] });
  return items;
}

/**
 * The viewer's sessions, each with where their registration stands (waitlist place, who must approve, a decline's
 * comment) and Join for those with a confirmed seat and an online meeting.
 */
export function buildMySessionsCard(input: { sessions: BotMySession[]; tabUrl: string }): AdaptiveCard {
  return sessionListCard({
    title: 'Your sessions',
    entries: input.sessions,
    lines: mySessionLines,
    whenEmpty: 'You are not registered for any upcoming session. Send **sessions** to see what is on.',
    tabUrl: input.tabUrl,
  });
}
