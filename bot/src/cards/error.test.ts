import { describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../../test-support/adaptive-card-schema.js';
import { buildErrorCard } from './error.js';

describe('buildErrorCard', () => {
  it('shows the title and message, with Open Campus when a tab URL is given', () => {
    const card = buildErrorCard({
      title: 'Something went wrong',
      message: 'Try again.',
      tabUrl: 'https://campus.example/tab',
    });
    expect(validateAdaptiveCard(card)).toEqual({ valid: true, errors: [] });
    expect(card.body[0]).toMatchObject({
      style: 'attention',
      items: [{ text: 'Something went wrong' }, { text: 'Try again.' }],
    });
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open Campus', url: 'https://campus.example/tab' },
    ]);
  });

  it('has no actions without a tab URL', () => {
    const card = buildErrorCard({
      title: 'Campus needs a Microsoft Entra account',
      message: 'Sign in with work.',
    });
    expect(validateAdaptiveCard(card).valid).toBe(true);
    expect(card.actions).toBeUndefined();
  });
});
