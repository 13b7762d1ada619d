import { adaptiveCard, openCampusAction, type AdaptiveCard, type Container } from './adaptive-card.js';

/** The verb of the "Upcoming sessions" button that brings the list back in place of the result. */
export const showSessionsVerb = 'showSessions';

/** How a Register press ended, as the viewer should read it. */
export type RegistrationResult =
  | { kind: 'registered' }
  | { kind: 'alreadyRegistered' }
  | { kind: 'full' }
  | { kind: 'rejected'; message: string };

const presentation: Record<RegistrationResult['kind'], { style: Container['style']; title: string }> = {
  registered: { style: 'good', title: 'You are registered' },
  alreadyRegistered: { style: 'accent', title: 'You are already registered' },
  full: { style: 'warning', title: 'This session is full' },
  rejected: { style: 'attention', title: 'Registration did not go through' },
};

function detail(result: RegistrationResult): string {
  switch (result.kind) {
    case 'registered':
      return 'You will find it under **my sessions**.';
    case 'alreadyRegistered':
      return 'It is already under **my sessions**.';
    case 'full':
      return 'Every seat is taken. Look for another session, or ask the presenter to run it again.';
    case 'rejected':
      return result.message;
  }
}

/** The card that replaces the session list after Register (Action.Execute), in Teams and in Outlook alike. */
export function buildRegistrationResultCard(input: {
  result: RegistrationResult;
  tabUrl: string;
}): AdaptiveCard {
  const { style, title } = presentation[input.result.kind];
  return adaptiveCard(
    [
      {
        type: 'Container',
        style,
        items: [
          { type: 'TextBlock', text: title, weight: 'bolder', size: 'medium', wrap: true },
          { type: 'TextBlock', text: detail(input.result), wrap: true },
        ],
      },
    ],
    [
      { type: 'Action.Execute', title: 'Upcoming sessions', verb: showSessionsVerb },
      openCampusAction(input.tabUrl),
    ],
  );
}
