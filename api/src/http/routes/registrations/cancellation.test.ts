import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, testUsers } from '../../test-support.js';
import { call, createSession, crowd, registrationsOf, sessionStart, type TestApp } from './route-support.js';

const [ann, bob, cat] = crowd(3, 'c');

describe('cancelling, promotion, history and attendance routes', () => {
  let t: TestApp;
  let sessionId: string;
  beforeEach(async () => {
    t = await buildTestApp({ extraUsers: [ann!, bob!, cat!] });
    sessionId = await createSession(t, 1);
    for (const person of [ann!, bob!, cat!]) await call(t, person, 'POST', `/api/sessions/${sessionId}/registrations`);
  });
  afterEach(async () => {
    await t.close();
  });

  it('DELETE …/registrations/me gives the seat to the first waitlisted person, who is told', async () => {
    const cancelled = await call(t, ann!, 'DELETE', `/api/sessions/${sessionId}/registrations/me`);
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled', seat: null, closedBy: { userId: ann!.id, role: 'employee' } } });
    const listed = await registrationsOf(t, sessionId);
    expect(listed.map((registration) => [registration.userId, registration.status, registration.waitlistPosition])).toEqual([
      [ann!.id, 'cancelled', null],
      [bob!.id, 'confirmed', null],
      [cat!.id, 'waitlisted', 1],
    ]);
    const notifications = await call(t, bob!, 'GET', '/api/me/notifications');
    expect(notifications.body.notifications.map((notification: { kind: string }) => notification.kind)).toEqual(['promoted', 'waitlisted']);
    expect(notifications.body.notifications[0]).toMatchObject({ sessionId, message: expect.stringContaining('you are in') });
    expect(t.calendar.attendeeWrites.at(-1)?.attendees.map((attendee) => attendee.email)).toEqual([bob!.mail]);
    const again = await call(t, ann!, 'POST', `/api/sessions/${sessionId}/registrations/me/cancel`);
    expect(again.body.status).toBe('cancelled');
    expect((await registrationsOf(t, sessionId)).find((registration) => registration.userId === cat!.id)?.status).toBe('waitlisted');
  });

  it('lets an organizer cancel anyone with a reason, and refuses another employee (403), changing nothing', async () => {
    const listed = await registrationsOf(t, sessionId);
    const annId = listed.find((registration) => registration.userId === ann!.id)!.id;
    const refused = await call(t, bob!, 'POST', `/api/registrations/${annId}/cancel`, {});
    expect(refused).toMatchObject({ status: 403, body: { code: 'CAMPUS_ERR_FORBIDDEN' } });
    expect((await call(t, bob!, 'GET', `/api/registrations/${annId}`)).status).toBe(403);
    expect((await call(t, bob!, 'GET', `/api/registrations/${annId}/history`)).body.code).toBe('CAMPUS_ERR_FORBIDDEN');
    expect((await registrationsOf(t, sessionId)).find((registration) => registration.id === annId)?.status).toBe('confirmed');

    const cancelled = await call(t, testUsers.organizer, 'POST', `/api/registrations/${annId}/cancel`, { reason: 'Duplicate booking' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', closedBy: { userId: testUsers.organizer.id, role: 'organizer' } });
    const told = await call(t, ann!, 'GET', '/api/me/notifications');
    expect(told.body.notifications[0]).toMatchObject({ kind: 'cancelled', message: expect.stringContaining('“Duplicate booking”') });
  });

  it('keeps every change with who made it and when', async () => {
    await call(t, ann!, 'DELETE', `/api/sessions/${sessionId}/registrations/me`);
    const bobs = (await registrationsOf(t, sessionId)).find((registration) => registration.userId === bob!.id)!;
    const history = await call(t, bob!, 'GET', bobs.historyUrl);
    expect(history.status).toBe(200);
    expect(history.body.registration).toMatchObject({ id: bobs.id, status: 'confirmed' });
    expect(history.body.changes.map(({ from, to, by }: { from: string | null; to: string; by: { role: string; userId: string | null } }) => [from, to, by.role, by.userId])).toEqual([
      [null, 'requested', 'employee', bob!.id],
      ['requested', 'waitlisted', 'employee', bob!.id],
      ['waitlisted', 'promoted', 'system', null],
      ['promoted', 'confirmed', 'system', null],
    ]);
    expect(history.body.changes.every((change: { at: string }) => !Number.isNaN(Date.parse(change.at)))).toBe(true);
  });

  it('answers 404 and 400 for unknown and malformed registration ids', async () => {
    const unknown = await call(t, ann!, 'GET', '/api/registrations/00000000-0000-4000-8000-000000000000');
    expect(unknown).toMatchObject({ status: 404, body: { code: 'CAMPUS_ERR_REGISTRATION_NOT_FOUND' } });
    const malformed = await call(t, ann!, 'POST', '/api/registrations/nope/cancel', {});
    expect(malformed).toMatchObject({ status: 400, body: { code: 'CAMPUS_ERR_VALIDATION', details: { field: '/registrationId' } } });
    const nothing = await call(t, testUsers.employee, 'DELETE', `/api/sessions/${sessionId}/registrations/me`);
    expect(nothing).toMatchObject({ status: 404, body: { code: 'CAMPUS_ERR_REGISTRATION_NOT_FOUND' } });
    expect((await registrationsOf(t, sessionId)).map((registration) => registration.status)).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
  });

  it('shows the session list to organizers only', async () => {
    expect(await call(t, ann!, 'GET', `/api/sessions/${sessionId}/registrations`)).toMatchObject({ status: 403, body: { code: 'CAMPUS_ERR_FORBIDDEN' } });
  });

  it('records attendance after the start only, for confirmed attendees, by organizers', async () => {
    const early = await call(t, testUsers.organizer, 'POST', `/api/sessions/${sessionId}/attendance`, { userId: ann!.id, attended: true });
    expect(early).toMatchObject({ status: 409, body: { code: 'CAMPUS_ERR_SESSION_NOT_STARTED' } });
    t.travelTo(new Date(sessionStart.getTime() + 60_000));
    expect((await call(t, ann!, 'POST', `/api/sessions/${sessionId}/attendance`, { userId: ann!.id, attended: true })).body.code).toBe('CAMPUS_ERR_FORBIDDEN');
    const came = await call(t, testUsers.organizer, 'POST', `/api/sessions/${sessionId}/attendance`, { userId: ann!.id, attended: true });
    expect(came).toMatchObject({ status: 200, body: { status: 'attended' } });
    const missed = await call(t, testUsers.organizer, 'POST', `/api/sessions/${sessionId}/attendance`, { userId: ann!.id, attended: false });
    expect(missed.body.status).toBe('noShow');
    const waiting = await call(t, testUsers.organizer, 'POST', `/api/sessions/${sessionId}/attendance`, { userId: bob!.id, attended: true });
    expect(waiting).toMatchObject({ status: 409, body: { code: 'CAMPUS_ERR_INVALID_TRANSITION' } });
    const malformed = await call(t, testUsers.organizer, 'POST', `/api/sessions/${sessionId}/attendance`, { userId: 'ann', attended: true });
    expect(malformed).toMatchObject({ status: 400, body: { details: { field: '/userId' } } });
    const cancelLate = await call(t, bob!, 'DELETE', `/api/sessions/${sessionId}/registrations/me`);
    expect(cancelLate).toMatchObject({ status: 409, body: { code: 'CAMPUS_ERR_SESSION_NOT_OPEN' } });
  });
});
