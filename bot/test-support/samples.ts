import type { BotApproval, BotMySession, BotOpenSession, BotRegistration } from '../src/ports.js';

/** A session as the API would hand it to the bot; override what a test is about. */
export function sampleSession(overrides: Partial<BotOpenSession> = {}): BotOpenSession {
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

/** One of the viewer's sessions: confirmed unless the test says where the registration stands. */
export function sampleMySession(
  registration: BotRegistration = { status: 'confirmed' },
  session: Partial<BotOpenSession> = {},
): BotMySession {
  return { session: sampleSession(session), registration };
}

/** An approval request as the API would describe it to Megan Bowen. */
export function sampleApproval(overrides: Partial<BotApproval> = {}): BotApproval {
  return {
    approvalId: 'apr_01',
    signature: 'v1.signed-by-campus',
    employeeName: 'Adele Vance',
    sessionTitle: 'Power BI for marketers',
    whenText: 'Wed, Mar 12, 2025, 10:00 – 11:00 AM PDT',
    hoursAwayText: '1 hour',
    clash: 'free',
    clashText: "Adele Vance's calendar is free at that time.",
    onBehalfOfName: null,
    expiresText: 'Wed, Mar 12, 9:00 AM PDT',
    ...overrides,
  };
}
