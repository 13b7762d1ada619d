import { describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../../test-support/adaptive-card-schema.js';
import { sampleMySession } from '../../test-support/samples.js';
import { buildMySessionsCard } from './my-sessions.js';

const tabUrl = 'https://teams.microsoft.com/l/entity/campus-app/campus';
const joinUrl = sampleMySession().session.joinUrl;

/** The card's text for each session, in order. */
function itemsOf(card: ReturnType<typeof buildMySessionsCard>): string[] {
  return card.body.slice(1).map((item) => JSON.stringify(item));
}

describe('buildMySessionsCard', () => {
  it('says where each registration stands, with Join only for a confirmed seat in an online session', () => {
    const card = buildMySessionsCard({
      sessions: [
        sampleMySession({ status: 'confirmed' }),
        sampleMySession({ status: 'waitlisted', position: 12 }, { id: 'ses_02' }),
        sampleMySession({ status: 'pendingApproval', approverName: 'Megan Bowen' }, { id: 'ses_03' }),
        sampleMySession({ status: 'declined', expired: false, comment: 'Quarter close that week' }),
        sampleMySession({ status: 'promoted' }, { id: 'ses_05', online: false, joinUrl: null }),
      ],
      tabUrl,
    });
    expect(validateAdaptiveCard(card)).toEqual({ valid: true, errors: [] });
    const [confirmed, waitlisted, pending, declined, inPerson] = itemsOf(card);
    expect(confirmed).toContain('You are registered');
    expect(confirmed).toContain(`"title":"Join","url":"${joinUrl}"`);
    expect(waitlisted).toContain('You are number 12 on the waitlist');
    expect(pending).toContain('Megan Bowen must approve your time away');
    expect(declined).toContain('Your supervisor declined your registration.');
    expect(declined).toContain('“Quarter close that week”');
    expect(inPerson).toContain('In person');
    for (const item of [waitlisted, pending, declined, inPerson])
      expect(item).not.toContain('"title":"Join"');
  });

  it('words a waitlist place Campus could not count, an approver not yet found, and an expired request', () => {
    const text = JSON.stringify(
      buildMySessionsCard({
        sessions: [
          sampleMySession({ status: 'waitlisted', position: null }),
          sampleMySession({ status: 'pendingApproval', approverName: null }),
          sampleMySession({ status: 'declined', expired: true, comment: null }),
        ],
        tabUrl,
      }),
    );
    expect(text).toContain('You are on the waitlist. Campus tells you when a seat frees up.');
    expect(text).toContain('Your supervisor must approve');
    expect(text).toContain('Nobody approved it before the session');
  });

  it('points to the sessions command when the viewer has none', () => {
    const card = buildMySessionsCard({ sessions: [], tabUrl });
    expect(validateAdaptiveCard(card).valid).toBe(true);
    expect(JSON.stringify(card)).toContain('You are not registered for any upcoming session');
  });
});
