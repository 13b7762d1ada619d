import { describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../../test-support/adaptive-card-schema.js';
import { sampleSession } from '../../test-support/samples.js';
import { buildSessionListCard } from './session-list.js';

const tabUrl = 'https://teams.microsoft.com/l/entity/campus-app/campus';

describe('buildSessionListCard', () => {
  it('lists each session with a Register button that sends the register verb and the session id', () => {
    const card = buildSessionListCard({
      sessions: [sampleSession(), sampleSession({ id: 'ses_02', title: 'Intro to FerretDB' })],
      tabUrl,
    });
    expect(validateAdaptiveCard(card)).toEqual({ valid: true, errors: [] });
    const text = JSON.stringify(card);
    expect(text).toContain('Writing Graph queries that scale');
    expect(text).toContain('Intro to FerretDB');
    expect(text).toContain('{{DATE(2025-03-04T09:00:00Z, SHORT)}}');
    expect(text).toContain('Megan Bowen · Online · 5 seats left');
    const registers = JSON.stringify(card.body).match(
      /"verb":"register","data":\{"sessionId":"ses_0[12]"\}/g,
    );
    expect(registers).toHaveLength(2);
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open Campus', url: tabUrl }]);
  });

  it('shows a full session without a Register button', () => {
    const card = buildSessionListCard({ sessions: [sampleSession({ seatsLeft: 0, online: false })], tabUrl });
    expect(validateAdaptiveCard(card).valid).toBe(true);
    expect(JSON.stringify(card)).toContain('Megan Bowen · In person · Full');
    expect(JSON.stringify(card)).not.toContain('Action.Execute');
  });

  it('says so when nothing is scheduled', () => {
    const card = buildSessionListCard({ sessions: [], tabUrl });
    expect(validateAdaptiveCard(card).valid).toBe(true);
    expect(JSON.stringify(card)).toContain('No sessions are scheduled yet');
  });
});
