import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, testUsers } from '../../test-support.js';
import { call, createSession, crowd, registrationsOf, sessionDay, type TestApp } from '../registrations/route-support.js';

const [ann, bob, cat] = crowd(3, 'd');

describe('organizer session changes', () => {
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

  it('PATCH capacity up promotes from the waitlist; below the seats taken it is refused and nothing changes', async () => {
    const grown = await call(t, testUsers.organizer, 'PATCH', `/api/sessions/${sessionId}`, { capacity: 2 });
    expect(grown).toMatchObject({ status: 200, body: { capacity: 2, seatsTaken: 2, seatsLeft: 0 } });
    expect((await registrationsOf(t, sessionId)).map((registration) => registration.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    const refused = await call(t, testUsers.organizer, 'PATCH', `/api/sessions/${sessionId}`, { capacity: 1 });
    expect(refused).toMatchObject({ status: 409, body: { code: 'CAMPUS_ERR_CAPACITY_BELOW_TAKEN', details: { seatsTaken: 2 } } });
    expect((await call(t, ann!, 'GET', `/api/sessions/${sessionId}`)).body).toMatchObject({ capacity: 2, seatsTaken: 2 });
  });

  it('PATCH a new time and title: the Outlook event is updated and registrants are told of the time', async () => {
    const writes = t.calendar.attendeeWrites.length;
    const moved = await call(t, testUsers.organizer, 'PATCH', `/api/sessions/${sessionId}`, {
      title: 'Workday expenses, revisited',
      start: { dateTime: `${sessionDay}T13:00`, timeZone: 'Europe/Paris' },
      end: { dateTime: `${sessionDay}T14:30`, timeZone: 'Europe/Paris' },
    });
    expect(moved).toMatchObject({ status: 200, body: { title: 'Workday expenses, revisited', start: { dateTime: `${sessionDay}T13:00:00`, timeZone: 'Europe/Paris' } } });
    expect(t.calendar.attendeeWrites.length).toBeGreaterThan(writes);
    for (const person of [ann!, bob!, cat!]) {
      const told = await call(t, person, 'GET', '/api/me/notifications');
      expect(told.body.notifications[0]).toMatchObject({ kind: 'rescheduled', sessionTitle: 'Workday expenses, revisited' });
    }
  });

  it('refuses edits from employees, empty or malformed edits, and edits after the start, changing nothing', async () => {
    expect(await call(t, ann!, 'PATCH', `/api/sessions/${sessionId}`, { title: 'Mine' })).toMatchObject({ status: 403, body: { code: 'CAMPUS_ERR_FORBIDDEN' } });
    expect(await call(t, testUsers.organizer, 'PATCH', `/api/sessions/${sessionId}`, {})).toMatchObject({ status: 400, body: { code: 'CAMPUS_ERR_VALIDATION' } });
    expect(await call(t, testUsers.organizer, 'PATCH', `/api/sessions/${sessionId}`, { capacity: 0 })).toMatchObject({ status: 400, body: { details: { field: '/capacity' } } });
    expect(await call(t, testUsers.organizer, 'PATCH', `/api/sessions/${sessionId}`, { seatsTaken: 0 })).toMatchObject({ status: 400, body: { details: { field: '/seatsTaken' } } });
    expect(await call(t, testUsers.organizer, 'PATCH', '/api/sessions/00000000-0000-4000-8000-000000000000', { title: 'Ghost' })).toMatchObject({ status: 404, body: { code: 'CAMPUS_ERR_SESSION_NOT_FOUND' } });
    expect((await call(t, ann!, 'GET', `/api/sessions/${sessionId}`)).body).toMatchObject({ title: 'Workday expenses', capacity: 1 });
  });

  it('POST …/cancel cancels every registration, tells everyone why, and answers the same when repeated', async () => {
    const cancelled = await call(t, testUsers.organizer, 'POST', `/api/sessions/${sessionId}/cancel`, { message: 'The presenter is ill' });
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled', cancellation: { message: 'The presenter is ill' }, seatsTaken: 0 } });
    expect((await registrationsOf(t, sessionId)).map((registration) => registration.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    for (const person of [ann!, bob!, cat!]) {
      const told = await call(t, person, 'GET', '/api/me/notifications');
      expect(told.body.notifications[0]).toMatchObject({ kind: 'sessionCancelled', message: expect.stringContaining('“The presenter is ill”') });
    }
    const again = await call(t, testUsers.organizer, 'POST', `/api/sessions/${sessionId}/cancel`, { message: 'Again' });
    expect(again.body).toMatchObject({ status: 'cancelled', cancellation: { message: 'The presenter is ill' } });
    expect(await call(t, ann!, 'POST', `/api/sessions/${sessionId}/cancel`, { message: 'x' })).toMatchObject({ status: 403 });
    expect(await call(t, testUsers.organizer, 'POST', `/api/sessions/${sessionId}/cancel`, {})).toMatchObject({ status: 400, body: { details: { field: '/message' } } });
  });

  it('holds the seat of a registration that needs approval until the supervisor decides', async () => {
    const approvalSession = await createSession(t, 1, { approval: 'supervisor', start: { dateTime: `${sessionDay}T15:00:00`, timeZone: 'UTC' }, end: { dateTime: `${sessionDay}T16:00:00`, timeZone: 'UTC' } });
    const pending = await call(t, ann!, 'POST', `/api/sessions/${approvalSession}/registrations`);
    expect(pending.body).toMatchObject({ status: 'pendingApproval', seat: 1 });
    const waiting = await call(t, bob!, 'POST', `/api/sessions/${approvalSession}/registrations`);
    expect(waiting.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    await t.campus.decideApproval({ tenantId: '11111111-1111-4111-8111-111111111111', userId: testUsers.presenter.id }, pending.body.id, 'decline', 'Busy week');
    expect((await call(t, ann!, 'GET', `/api/registrations/${pending.body.id}`)).body).toMatchObject({ status: 'declined', closedBy: { role: 'supervisor' } });
    const promoted = await call(t, bob!, 'GET', `/api/registrations/${waiting.body.id}`);
    expect(promoted.body).toMatchObject({ status: 'pendingApproval', seat: 1 });
    await t.campus.decideApproval({ tenantId: '11111111-1111-4111-8111-111111111111', userId: testUsers.presenter.id }, waiting.body.id, 'approve', null);
    expect((await call(t, bob!, 'GET', `/api/registrations/${waiting.body.id}`)).body).toMatchObject({ status: 'confirmed', seat: 1 });
    const told = (await call(t, bob!, 'GET', '/api/me/notifications')).body.notifications as Array<{ kind: string; sessionId: string }>;
    expect(told.filter((notification) => notification.sessionId === approvalSession).map((notification) => notification.kind)).toEqual(['approved', 'promoted', 'waitlisted']);
  });
});
