import {
  adaptiveCard,
  heading,
  openCampusAction,
  type AdaptiveCard,
  type CardElement,
} from './adaptive-card.js';

function whatCampusDoes(): CardElement[] {
  return [
    {
      type: 'TextBlock',
      text: 'Campus is peer learning at work: colleagues teach colleagues. Find a session, register, and it lands in your calendar.',
      wrap: true,
    },
    {
      type: 'FactSet',
      facts: [
        { title: 'sessions', value: 'Upcoming sessions you can register for' },
        { title: 'my sessions', value: 'The sessions you registered for, with their Join links' },
        { title: 'help', value: 'This message' },
      ],
    },
  ];
}

/** What the bot does and the commands it understands; the answer to "help" and to text it does not know. */
export function buildHelpCard(input: { tabUrl: string }): AdaptiveCard {
  return adaptiveCard([heading('Campus'), ...whatCampusDoes()], [openCampusAction(input.tabUrl)]);
}

/** The greeting when Campus is added to a chat. */
export function buildWelcomeCard(input: { displayName: string; tabUrl: string }): AdaptiveCard {
  const firstName = input.displayName.trim().split(/\s+/)[0];
  const title = firstName ? `Welcome to Campus, ${firstName}` : 'Welcome to Campus';
  return adaptiveCard([heading(title), ...whatCampusDoes()], [openCampusAction(input.tabUrl)]);
}
