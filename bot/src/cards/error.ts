import { adaptiveCard, openCampusAction, type AdaptiveCard } from './adaptive-card.js';

/** A problem the user should see, said plainly; never carries internal details. */
export function buildErrorCard(input: { title: string; message: string; tabUrl?: string }): AdaptiveCard {
  return adaptiveCard(
    [
      {
        type: 'Container',
        style: 'attention',
        items: [
          { type: 'TextBlock', text: input.title, weight: 'bolder', wrap: true },
          { type: 'TextBlock', text: input.message, wrap: true },
        ],
      },
    ],
    input.tabUrl ? [openCampusAction(input.tabUrl)] : [],
  );
}
