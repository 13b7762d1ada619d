import type { BotSession } from '../src/ports.js';

/** A session as the API would hand it to the bot; override what a test is about. */
export function sampleSession(overrides: Partial<BotSession> = {}): BotSession {
  return {
    id: 'ses_01',
    title: 'Writing Graph queries that scale',
    abstract: 'Paging, $select and throttling, with examples from our own tenant.',
    presenterName: 'Megan Bowen',
    startsAt: '2025-03-04T09:00:00.000Z',
    endsAt: '2025-03-04T10:00:00.000Z',
    timeZone: 'Europe/Berlin',
    seatsLeft: 5,
    online: true,
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0',
    ...overrides,
  };
}
