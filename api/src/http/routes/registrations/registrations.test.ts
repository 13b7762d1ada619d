import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, testUsers } from '../../test-support.js';

type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

const start = new Date(Date.now() + 3 * 86_400_000);
const day = start.toISOString().slice(0, 10);

async function createSession(t: TestApp, capacity: number): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/sessions',
    headers: bearer(testUsers.organizer),
    payload: {
      title: 'Workday expenses',
      abstract: 'Claim travel in five minutes.',
      presenterId: testUsers.presenter.id,
      start: { dateTime: `${day}T09:00:00`, timeZone: 'UTC' },
      end: { dateTime: `${day}T10:00:00`, timeZone: 'UTC' },
      capacity,
      online: true,
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

describe('registration routes', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('confirms a seat, puts the attendee on the Outlook event, and shows it in my sessions', async () => {
    const sessionId = await createSession(t, 5);
    const response = await t.app.inject({ method: 'POST', url: `/api/sessions/${sessionId}/registrations`, headers: bearer(testUsers.employee) });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ sessionId, status: 'confirmed', seat: 1, invite: 'sent' });
    expect(t.calendar.attendeeWrites.at(-1)).toEqual({ eventId: `event-${sessionId}`, attendees: [{ email: 'emma@contoso.test', name: 'Emma Employee' }] });

    const mine = await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: bearer(testUsers.employee) });
    expect(mine.json().sessions).toEqual([
      expect.objectContaining({ session: expect.objectContaining({ id: sessionId, seatsTaken: 1 }), registration: expect.objectContaining({ status: 'confirmed' }) }),
    ]);
  });

  it('confirms the seat even when Outlook is unreachable, and the worker sends the invitation later', async () => {
    const sessionId = await createSession(t, 5);
    t.calendar.failing = true;
    const response = await t.app.inject({ method: 'POST', url: `/api/sessions/${sessionId}/registrations`, headers: bearer(testUsers.employee) });
    expect(response.json()).toMatchObject({ status: 'confirmed', invite: 'pending' });

    t.calendar.failing = false;
    expect(await t.campus.processPendingCalendarWork(10)).toMatchObject({ sessionsSynced: 1 });
    expect(t.calendar.attendeeWrites.at(-1)?.attendees).toEqual([{ email: 'emma@contoso.test', name: 'Emma Employee' }]);
    const mine = await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: bearer(testUsers.employee) });
    expect(mine.json().sessions[0].registration.invite).toBe('sent');
    expect(await t.campus.processPendingCalendarWork(10)).toMatchObject({ sessionsSynced: 0 });
  });

  it('holds exactly the capacity under concurrent registrations', async () => {
    const sessionId = await createSession(t, 1);
    const [first, second] = await Promise.all(
      [testUsers.employee, testUsers.organizer].map((user) => t.app.inject({ method: 'POST', url: `/api/sessions/${sessionId}/registrations`, headers: bearer(user) })),
    );
    expect([first!.statusCode, second!.statusCode].sort()).toEqual([201, 409]);
    const refused = [first!, second!].find((response) => response.statusCode === 409)!;
    expect(refused.json().code).toBe('CAMPUS_ERR_SESSION_FULL');
  });

  it('tells the user they are already registered', async () => {
    const sessionId = await createSession(t, 5);
    await t.app.inject({ method: 'POST', url: `/api/sessions/${sessionId}/registrations`, headers: bearer(testUsers.employee) });
    const again = await t.app.inject({ method: 'POST', url: `/api/sessions/${sessionId}/registrations`, headers: bearer(testUsers.employee) });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CAMPUS_ERR_ALREADY_REGISTERED');
  });

  it('refuses a session that has already started', async () => {
    const sessionId = await createSession(t, 5);
    t.travelTo(new Date(start.getTime() + 86_400_000));
    const response = await t.app.inject({ method: 'POST', url: `/api/sessions/${sessionId}/registrations`, headers: bearer(testUsers.employee) });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'CAMPUS_ERR_SESSION_NOT_OPEN', message: 'the session has already started' });
  });

  it('answers 404 for a session of no one', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/sessions/00000000-0000-4000-8000-000000000000/registrations', headers: bearer(testUsers.employee) });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('CAMPUS_ERR_SESSION_NOT_FOUND');
  });
});
