import { describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../../test-support/adaptive-card-schema.js';
import { buildRegistrationResultCard, type RegistrationResult } from './registration-result.js';

const tabUrl = 'https://teams.microsoft.com/l/entity/campus-app/campus';

describe('buildRegistrationResultCard', () => {
  const cases: [RegistrationResult, string, string][] = [
    [{ kind: 'registered' }, 'good', 'You are registered'],
    [{ kind: 'alreadyRegistered' }, 'accent', 'You are already registered'],
    [{ kind: 'full' }, 'warning', 'This session is full'],
    [
      { kind: 'rejected', message: 'Registration closed yesterday.' },
      'attention',
      'Registration did not go through',
    ],
  ];

  it.each(cases)('%o reads as "%s" / "%s"', (result, style, title) => {
    const card = buildRegistrationResultCard({ result, tabUrl });
    expect(validateAdaptiveCard(card)).toEqual({ valid: true, errors: [] });
    expect(card.body[0]).toMatchObject({ type: 'Container', style, items: [{ text: title }, {}] });
    expect(card.actions?.map((action) => action.title)).toEqual(['Upcoming sessions', 'Open Campus']);
  });

  it('passes on the reason Campus gave', () => {
    const card = buildRegistrationResultCard({
      result: { kind: 'rejected', message: 'Registration closed yesterday.' },
      tabUrl,
    });
    expect(JSON.stringify(card)).toContain('Registration closed yesterday.');
  });
});
