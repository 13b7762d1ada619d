import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, testUsers } from '../../test-support.js';
import { call, createSession, crowd, registrationsOf, sessionDay, sessionStart, type TestApp } from './route-support.js';

const people = crowd(40);

describe('registration routes', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ extraUsers: people });
  });
  afterEach(async () => {
    await t.close();
  });

  it('confirms a seat, puts the attendee on the Outlook event, and shows it in my sessions', async () => {
    const sessionId = await createSession(t, 5);
    const response = await call(t, testUsers.employee, 'POST', `/api/sessions/${sessionId}/registrations`);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ sessionId, status: 'confirmed', seat: 1, waitlistPosition: null, closedBy: null });
    expect(t.calendar.attendeeWrites.at(-1)).toEqual({ eventId: `event-${sessionId}`, attendees: [{ email: 'emma@contoso.test', name: 'Emma Employee' }] });

    const mine = await call(t, testUsers.employee, 'GET', '/api/me/sessions');
    expect(mine.body.sessions).toEqual([
      expect.objectContaining({ session: expect.objectContaining({ id: sessionId, seatsTaken: 1, approval: 'none' }), registration: expect.objectContaining({ status: 'confirmed', invite: 'sent' }) }),
    ]);
  });

  it('confirms the seat even when Outlook is unreachable, and the worker sends the invitation later', async () => {
    const sessionId = await createSession(t, 5);
    t.calendar.failing = true;
    const response = await call(t, testUsers.employee, 'POST', `/api/sessions/${sessionId}/registrations`);
    expect(response.body).toMatchObject({ status: 'confirmed', invite: 'pending' });

    t.calendar.failing = false;
    await t.campus.processPendingCalendarWork(10);
    expect(t.calendar.attendeeWrites.at(-1)?.attendees).toEqual([{ email: 'emma@contoso.test', name: 'Emma Employee' }]);
    const mine = await call(t, testUsers.employee, 'GET', '/api/me/sessions');
    expect(mine.body.sessions[0].registration.invite).toBe('sent');
  });

  it('holds exactly the capacity under concurrent registrations and waitlists the rest in arrival order', async () => {
    const sessionId = await createSession(t, 5);
    const answers = await Promise.all(people.map((person) => call(t, person, 'POST', `/api/sessions/${sessionId}/registrations`)));
    expect(answers.every((answer) => answer.status === 201)).toBe(true);
    expect(answers.filter((answer) => answer.body.status === 'confirmed')).toHaveLength(5);
    expect(answers.filter((answer) => answer.body.status === 'waitlisted')).toHaveLength(35);

    const listed = await registrationsOf(t, sessionId);
    const seats = listed.filter((registration) => registration.status === 'confirmed').map((registration) => registration.seat);
    expect(seats.sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5]);
    const waitlisted = listed.filter((registration) => registration.status === 'waitlisted');
    const byArrival = [...waitlisted].sort((a, b) => a.arrival.at.localeCompare(b.arrival.at) || a.arrival.seq - b.arrival.seq || a.id.localeCompare(b.id));
    expect(byArrival.map((registration) => registration.waitlistPosition)).toEqual(Array.from({ length: 35 }, (_, index) => index + 1));
    const session = await call(t, testUsers.employee, 'GET', `/api/sessions/${sessionId}`);
    expect(session.body).toMatchObject({ seatsTaken: 5, seatsLeft: 0 });
    // Each person sees their own place.
    const last = byArrival.at(-1)!;
    const own = await call(t, people.find((person) => person.id === last.userId)!, 'GET', `/api/registrations/${last.id}`);
    expect(own.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 35 });
  });

  it('tells the user they are already registered, naming the state', async () => {
    const sessionId = await createSession(t, 1);
    await call(t, testUsers.organizer, 'POST', `/api/sessions/${sessionId}/registrations`);
    await call(t, testUsers.employee, 'POST', `/api/sessions/${sessionId}/registrations`);
    const again = await call(t, testUsers.employee, 'POST', `/api/sessions/${sessionId}/registrations`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CAMPUS_ERR_ALREADY_REGISTERED', message: 'you are already on the waitlist for this session (number 1)' });
  });

  it('refuses a session that overlaps one the user holds a seat in, naming it', async () => {
    const first = await createSession(t, 5, { title: 'Morning one' });
    const second = await createSession(t, 5, { title: 'Overlapping' });
    await call(t, testUsers.employee, 'POST', `/api/sessions/${first}/registrations`);
    const refused = await call(t, testUsers.employee, 'POST', `/api/sessions/${second}/registrations`);
    expect(refused).toMatchObject({ status: 409, body: { code: 'CAMPUS_ERR_SCHEDULE_CONFLICT', details: { sessionId: first } } });
    expect(refused.body.message).toContain('Morning one');
    expect((await registrationsOf(t, second))).toEqual([]);
  });

  it('gives one seat, never two, when a person registers for two overlapping sessions at the same moment', async () => {
    const sessions = [await createSession(t, 40, { title: 'Track A' }), await createSession(t, 40, { title: 'Track B' })];
    for (const person of people.slice(0, 20)) {
      const answers = await Promise.all(sessions.map((sessionId) => call(t, person, 'POST', `/api/sessions/${sessionId}/registrations`)));
      const won = answers.findIndex((answer) => answer.status === 201);
      expect(won).not.toBe(-1);
      expect(answers[won]!.body).toMatchObject({ status: 'confirmed', sessionId: sessions[won] });
      expect(answers[1 - won]).toMatchObject({ status: 409, body: { code: 'CAMPUS_ERR_SCHEDULE_CONFLICT', details: { sessionId: sessions[won] } } });
      expect(answers[1 - won]!.body.message).toContain(won === 0 ? 'Track A' : 'Track B');
    }
    const holders = (await Promise.all(sessions.map((sessionId) => registrationsOf(t, sessionId))))
      .flat()
      .filter((registration) => registration.seat !== null)
      .map((registration) => registration.userId)
      .sort();
    expect(holders).toEqual(people.slice(0, 20).map((person) => person.id).sort());
  });

  it('refuses a session that has already started or was cancelled', async () => {
    const started = await createSession(t, 5);
    const cancelled = await createSession(t, 5, { start: { dateTime: `${sessionDay}T11:00:00`, timeZone: 'UTC' }, end: { dateTime: `${sessionDay}T12:00:00`, timeZone: 'UTC' } });
    await call(t, testUsers.organizer, 'POST', `/api/sessions/${cancelled}/cancel`, { message: 'Presenter away' });
    const gone = await call(t, testUsers.employee, 'POST', `/api/sessions/${cancelled}/registrations`);
    expect(gone).toMatchObject({ status: 409, body: { code: 'CAMPUS_ERR_SESSION_NOT_OPEN', message: 'the session has been cancelled' } });
    t.travelTo(new Date(sessionStart.getTime() + 86_400_000));
    const late = await call(t, testUsers.employee, 'POST', `/api/sessions/${started}/registrations`);
    expect(late).toMatchObject({ status: 409, body: { code: 'CAMPUS_ERR_SESSION_NOT_OPEN', message: 'the session has already started' } });
    expect(await registrationsOf(t, started)).toEqual([]);
  });

  it('answers 404 for a session of no one and 400 naming a malformed id, storing nothing', async () => {
    const unknown = await call(t, testUsers.employee, 'POST', '/api/sessions/00000000-0000-4000-8000-000000000000/registrations');
    expect(unknown).toMatchObject({ status: 404, body: { code: 'CAMPUS_ERR_SESSION_NOT_FOUND' } });
    const malformed = await t.app.inject({ method: 'POST', url: '/api/sessions/not-a-session/registrations', headers: bearer(testUsers.employee) });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'CAMPUS_ERR_VALIDATION', details: { location: 'params', field: '/sessionId' } });
    const mine = await call(t, testUsers.employee, 'GET', '/api/me/sessions');
    expect(mine.body.sessions).toEqual([]);
  });
});
