import { adaptiveCard, banner, openCampusAction, type AdaptiveCard } from './adaptive-card.js';

/** A problem the user should see, said plainly; never carries internal details. */
export function buildErrorCard(input: { title: string; message: string; tabUrl?: string }): AdaptiveCard {
  return adaptiveCard(
    [banner({ tone: 'attention', title: input.title, text: input.message })],
    input.tabUrl ? [openCampusAction(input.tabUrl)] : [],
  );
}
