import { describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../../test-support/adaptive-card-schema.js';
import { sampleSession } from '../../test-support/samples.js';
import type { BotRegistrationNotice } from '../ports.js';
import { buildRegistrationNoticeCard } from './registration-notice.js';

const tabUrl = 'https://teams.microsoft.com/l/entity/campus-app/campus';
const session = sampleSession();

const notices: Array<[string, BotRegistrationNotice, string[], boolean]> = [
  [
    'promoted to a seat',
    { kind: 'promoted', session, registration: { status: 'confirmed' } },
    ['You have a seat', 'and it is yours'],
    true,
  ],
  [
    'promoted, waiting for approval',
    { kind: 'promoted', session, registration: { status: 'pendingApproval', approverName: 'Megan Bowen' } },
    ['A seat freed up in **Writing Graph queries that scale**. Megan Bowen must approve'],
    false,
  ],
  [
    'approved',
    { kind: 'approved', session, registration: { status: 'confirmed' }, comment: 'Enjoy it' },
    ['Your supervisor approved', '“Enjoy it”'],
    true,
  ],
  [
    'declined',
    {
      kind: 'declined',
      session,
      registration: { status: 'declined', expired: false, comment: 'Quarter close' },
      comment: 'Quarter close',
    },
    ['Your supervisor declined', '“Quarter close”'],
    false,
  ],
  [
    'declined on expiry',
    {
      kind: 'declined',
      session,
      registration: { status: 'declined', expired: true, comment: null },
      comment: 'approval expired',
    },
    ['Nobody approved your registration'],
    false,
  ],
  [
    'cancelled by an organizer',
    {
      kind: 'cancelled',
      session,
      registration: { status: 'cancelled' },
      by: 'organizer',
      reason: 'Room double-booked',
    },
    ['was cancelled by an organizer', '“Room double-booked”'],
    false,
  ],
  [
    'rescheduled while on the waitlist',
    { kind: 'rescheduled', session, registration: { status: 'waitlisted', position: 3 } },
    ['New time', '{{DATE(2025-03-04T09:00:00Z, SHORT)}}', 'You are number 3 on the waitlist'],
    false,
  ],
  [
    'session cancelled',
    { kind: 'sessionCancelled', session, registration: { status: 'cancelled' }, message: 'Presenter is ill' },
    ['Session cancelled', '“Presenter is ill”'],
    false,
  ],
];

describe('buildRegistrationNoticeCard', () => {
  it.each(notices)('%s: a valid card that says what changed', (_name, notice, texts, joins) => {
    const card = buildRegistrationNoticeCard({ notice, tabUrl });
    expect(validateAdaptiveCard(card)).toEqual({ valid: true, errors: [] });
    const text = JSON.stringify(card);
    for (const expected of [...texts, 'Writing Graph queries that scale']) expect(text).toContain(expected);
    expect(card.actions?.map((action) => action.title)).toEqual([
      ...(joins ? ['Join'] : []),
      'My sessions',
      'Open Campus',
    ]);
  });

  it('offers no Join for a seat in a session without a Teams meeting', () => {
    const card = buildRegistrationNoticeCard({
      notice: {
        kind: 'promoted',
        session: sampleSession({ online: false, joinUrl: null }),
        registration: { status: 'confirmed' },
      },
      tabUrl,
    });
    expect(card.actions?.map((action) => action.title)).toEqual(['My sessions', 'Open Campus']);
  });
});
