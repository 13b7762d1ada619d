import type { RegistrationOutcome } from '../ports.js';
import {
  adaptiveCard,
  banner,
  openCampusAction,
  type AdaptiveCard,
  type BannerText,
  type CardAction,
  type CardElement,
} from './adaptive-card.js';
import { registrationActions } from './my-sessions.js';
import { describeRegistration } from './registration-status.js';
import { sessionSummary } from './session-summary.js';

/** The verb of the "Upcoming sessions" button that brings the list back in place of the result. */
export const showSessionsVerb = 'showSessions';

/** Why registering did not go through; an existing registration is worded as such, other refusals as Campus put them. */
function refusalText(code: string, message: string): BannerText {
  return code === 'CAMPUS_ERR_ALREADY_REGISTERED'
    ? { tone: 'accent', title: 'You are already registered', text: 'It is already under **my sessions**.' }
    : { tone: 'attention', title: 'Registration did not go through', text: message };
}

/**
 * The card that replaces the session list after Register (Action.Execute), in Teams and in Outlook alike: where the
 * registration stands (a seat, the waitlist place, who must approve) for the session, or why it did not go through.
 */
export function buildRegistrationResultCard(input: {
  outcome: RegistrationOutcome;
  tabUrl: string;
}): AdaptiveCard {
  const { outcome } = input;
  const actions: CardAction[] = [];
  let body: CardElement[];
  if (outcome.outcome === 'registered') {
    body = [banner(describeRegistration(outcome.registration)), ...sessionSummary(outcome.session)];
    actions.push(...registrationActions(outcome.session, outcome.registration));
  } else {
    body = [banner(refusalText(outcome.code, outcome.message))];
  }
  actions.push(
    { type: 'Action.Execute', title: 'Upcoming sessions', verb: showSessionsVerb },
    openCampusAction(input.tabUrl),
  );
  return adaptiveCard(body, actions);
}
