import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, testUsers } from '../../test-support.js';

type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

function inDays(days: number, time: string): string {
  return `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;
}

const validSession = {
  title: 'SAP purchase orders without tears',
  abstract: 'Raising, approving and receiving a PO in SAP, end to end.',
  presenterId: testUsers.presenter.id,
  start: { dateTime: inDays(5, '10:00'), timeZone: 'Europe/Prague' },
  end: { dateTime: inDays(5, '11:30'), timeZone: 'Europe/Prague' },
  capacity: 2,
  online: true,
};

describe('sessions routes', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('creates a session, books its Outlook event with the session id as transactionId, and lists it', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: bearer(testUsers.organizer), payload: validSession });
    expect(created.statusCode).toBe(201);
    const session = created.json();
    expect(session).toMatchObject({
      title: validSession.title,
      presenter: { id: testUsers.presenter.id, displayName: 'Pavel Presenter', mail: 'pavel@contoso.test' },
      start: { dateTime: `${validSession.start.dateTime}:00`, timeZone: 'Europe/Prague' },
      capacity: 2,
      seatsTaken: 0,
      seatsLeft: 2,
      calendarEventBooked: true,
      joinUrl: `https://teams.microsoft.com/l/meetup-join/${session.id}`,
    });
    expect(t.calendar.created).toEqual([expect.objectContaining({ ownerId: testUsers.presenter.id, transactionId: session.id, online: true })]);

    const list = await t.app.inject({ method: 'GET', url: '/api/sessions', headers: bearer(testUsers.employee) });
    expect(list.json().sessions.map((item: { id: string }) => item.id)).toEqual([session.id]);
    const one = await t.app.inject({ method: 'GET', url: `/api/sessions/${session.id}`, headers: bearer(testUsers.employee) });
    expect(one.json()).toMatchObject({ id: session.id, seatsLeft: 2 });
  });

  it('keeps the session when Graph is down and lets the calendar worker book it later, once', async () => {
    t.calendar.failing = true;
    const created = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: bearer(testUsers.organizer), payload: validSession });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ calendarEventBooked: false, joinUrl: null });

    t.calendar.failing = false;
    expect(await t.campus.processPendingCalendarWork(10)).toMatchObject({ eventsCreated: 1 });
    expect(await t.campus.processPendingCalendarWork(10)).toMatchObject({ eventsCreated: 0 });
    expect(t.calendar.created).toHaveLength(1);
    const one = await t.app.inject({ method: 'GET', url: `/api/sessions/${created.json().id}`, headers: bearer(testUsers.employee) });
    expect(one.json()).toMatchObject({ calendarEventBooked: true });
  });

  it('pages through the catalog with a cursor', async () => {
    for (let day = 1; day <= 3; day++) {
      const payload = { ...validSession, title: `Session on day ${day}`, start: { ...validSession.start, dateTime: inDays(day, '10:00') }, end: { ...validSession.end, dateTime: inDays(day, '11:00') } };
      expect((await t.app.inject({ method: 'POST', url: '/api/sessions', headers: bearer(testUsers.organizer), payload })).statusCode).toBe(201);
    }
    const first = await t.app.inject({ method: 'GET', url: '/api/sessions?limit=2', headers: bearer(testUsers.employee) });
    expect(first.json().sessions.map((s: { title: string }) => s.title)).toEqual(['Session on day 1', 'Session on day 2']);
    const second = await t.app.inject({ method: 'GET', url: `/api/sessions?limit=2&cursor=${first.json().nextCursor}`, headers: bearer(testUsers.employee) });
    expect(second.json()).toMatchObject({ sessions: [{ title: 'Session on day 3' }], nextCursor: null });
  });

  it('answers 400 naming the query parameter that is wrong', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/sessions?limit=1000', headers: bearer(testUsers.employee) });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'CAMPUS_ERR_VALIDATION', details: { location: 'querystring', field: '/limit' } });
  });

  it('refuses an oversized body with 413 and a non-JSON body with 415', async () => {
    const huge = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: bearer(testUsers.organizer), payload: { ...validSession, abstract: 'x'.repeat(70_000) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('CAMPUS_ERR_PAYLOAD_TOO_LARGE');
    const text = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { ...bearer(testUsers.organizer), 'content-type': 'text/plain' }, payload: 'hello' });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('CAMPUS_ERR_UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers unknown routes with the catalog\'s not-found code', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: bearer(testUsers.employee) });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('CAMPUS_ERR_NOT_FOUND');
  });
});
