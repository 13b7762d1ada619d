import { describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../../test-support/adaptive-card-schema.js';
import { sampleSession } from '../../test-support/sessions.js';
import { buildMySessionsCard } from './my-sessions.js';

const tabUrl = 'https://teams.microsoft.com/l/entity/campus-app/campus';

describe('buildMySessionsCard', () => {
  it('offers Join only for sessions that have an online meeting', () => {
    const online = sampleSession();
    const inPerson = sampleSession({
      id: 'ses_02',
      title: 'Whiteboard walk-through',
      online: false,
      joinUrl: null,
    });
    const card = buildMySessionsCard({ sessions: [online, inPerson], tabUrl });
    expect(validateAdaptiveCard(card)).toEqual({ valid: true, errors: [] });
    const joins = JSON.stringify(card.body).match(/"title":"Join","url":"([^"]+)"/g);
    expect(joins).toEqual([`"title":"Join","url":"${online.joinUrl}"`]);
    expect(JSON.stringify(card)).toContain('Whiteboard walk-through');
  });

  it('points to the sessions command when the viewer has none', () => {
    const card = buildMySessionsCard({ sessions: [], tabUrl });
    expect(validateAdaptiveCard(card).valid).toBe(true);
    expect(JSON.stringify(card)).toContain('You are not registered for any upcoming session');
  });
});
