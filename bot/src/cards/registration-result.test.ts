import { describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../../test-support/adaptive-card-schema.js';
import { sampleSession } from '../../test-support/samples.js';
import type { BotRegistration, RegistrationOutcome } from '../ports.js';
import { buildRegistrationResultCard } from './registration-result.js';

const tabUrl = 'https://teams.microsoft.com/l/entity/campus-app/campus';
const registered = (registration: BotRegistration): RegistrationOutcome => ({
  outcome: 'registered',
  session: sampleSession(),
  registration,
});

describe('buildRegistrationResultCard', () => {
  const cases: [RegistrationOutcome, string, string, string, string[]][] = [
    [
      registered({ status: 'confirmed' }),
      'good',
      'You are registered',
      'Your seat is confirmed.',
      ['Join', 'My sessions', 'Upcoming sessions', 'Open Campus'],
    ],
    [
      registered({ status: 'waitlisted', position: 12 }),
      'warning',
      'Number 12 on the waitlist',
      'You are number 12 on the waitlist.',
      ['My sessions', 'Upcoming sessions', 'Open Campus'],
    ],
    [
      registered({ status: 'pendingApproval', approverName: 'Megan Bowen' }),
      'accent',
      'Waiting for approval',
      'Megan Bowen must approve your time away. Your seat is held until then',
      ['My sessions', 'Upcoming sessions', 'Open Campus'],
    ],
    [
      { outcome: 'rejected', code: 'CAMPUS_ERR_ALREADY_REGISTERED', message: 'you are already registered' },
      'accent',
      'You are already registered',
      'It is already under **my sessions**.',
      ['Upcoming sessions', 'Open Campus'],
    ],
    [
      { outcome: 'rejected', code: 'CAMPUS_ERR_SESSION_NOT_OPEN', message: 'Registration closed yesterday.' },
      'attention',
      'Registration did not go through',
      'Registration closed yesterday.',
      ['Upcoming sessions', 'Open Campus'],
    ],
  ];

  it.each(cases)('%o reads as %s "%s"', (outcome, style, title, detail, buttons) => {
    const card = buildRegistrationResultCard({ outcome, tabUrl });
    expect(validateAdaptiveCard(card)).toEqual({ valid: true, errors: [] });
    expect(card.body[0]).toMatchObject({ type: 'Container', style, items: [{ text: title }, {}] });
    expect(JSON.stringify(card.body[0])).toContain(detail);
    expect(card.actions?.map((action) => action.title)).toEqual(buttons);
  });

  it('names the session registered for, and joins its meeting', () => {
    const card = buildRegistrationResultCard({ outcome: registered({ status: 'confirmed' }), tabUrl });
    expect(JSON.stringify(card.body)).toContain('Writing Graph queries that scale');
    expect(card.actions?.[0]).toEqual({
      type: 'Action.OpenUrl',
      title: 'Join',
      url: sampleSession().joinUrl,
    });
  });
});
