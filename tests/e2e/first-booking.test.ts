import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADELE_VANCE_ID, ALEX_WILBER_ID, NESTOR_WILKE_ID, PATTI_FERNANDEZ_ID } from '@campus/infra/dev-tenant/personas';
import { apiClient, startCampus, tokenFor, type CampusUnderTest } from '../support/campus-server.js';

interface SessionView {
  id: string;
  title: string;
  presenter: { id: string; mail: string };
  seatsTaken: number;
  seatsLeft: number;
  joinUrl: string | null;
  calendarEventBooked: boolean;
  startsAt: string;
}
interface GraphEvent {
  id: string;
  subject: string;
  isOrganizer: boolean;
  isOnlineMeeting: boolean;
  onlineMeeting: { joinUrl: string } | null;
  start: { dateTime: string; timeZone: string };
  attendees: Array<{ emailAddress: { address: string } }>;
}

/** A wall-clock date `days` from now, in the form the API takes. */
function localDay(days: number, time: string): string {
  return `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;
}

function newSession(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Power BI for month-end reporting',
    abstract: 'How Finance builds the month-end pack in Power BI, and the three traps to avoid.',
    presenterId: NESTOR_WILKE_ID,
    start: { dateTime: localDay(10, '15:00:00'), timeZone: 'Europe/Paris' },
    end: { dateTime: localDay(10, '16:00:00'), timeZone: 'Europe/Paris' },
    capacity: 25,
    online: true,
    ...overrides,
  };
}

describe('the first booking: catalog to calendar through real HTTP, FerretDB and the dev tenant', () => {
  let campus: CampusUnderTest;
  let asOrganizer: ReturnType<typeof apiClient>;
  let asEmployee: ReturnType<typeof apiClient>;
  let asOtherEmployee: ReturnType<typeof apiClient>;

  async function mailboxEvents(user: string): Promise<GraphEvent[]> {
    const response = await fetch(`${campus.devTenant.url}/_dev/calendars/${user}/events`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { value: GraphEvent[] }).value;
  }

  beforeAll(async () => {
    campus = await startCampus();
    asOrganizer = apiClient(campus.url, await tokenFor(campus.devTenant, PATTI_FERNANDEZ_ID));
    asEmployee = apiClient(campus.url, await tokenFor(campus.devTenant, ADELE_VANCE_ID));
    asOtherEmployee = apiClient(campus.url, await tokenFor(campus.devTenant, ALEX_WILBER_ID));
  });
  afterAll(async () => {
    await campus?.close();
  });

  it('knows who is an organizer from the directory', async () => {
    const organizer = await asOrganizer('GET', '/api/me');
    expect(organizer.status).toBe(200);
    expect(organizer.body).toMatchObject({ id: PATTI_FERNANDEZ_ID, roles: expect.arrayContaining(['employee', 'organizer']) });
    const employee = await asEmployee('GET', '/api/me');
    expect(employee.body.roles).toEqual(['employee']);
  });

  it('books a session into the presenter\'s Outlook calendar with a Teams meeting, and the employee onto it', async () => {
    const presenters = await asOrganizer<{ people: Array<{ id: string }> }>('GET', '/api/people?search=Nestor');
    expect(presenters.status).toBe(200);
    expect(presenters.body.people.map((person) => person.id)).toContain(NESTOR_WILKE_ID);

    const created = await asOrganizer<SessionView>('POST', '/api/sessions', newSession());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ presenter: { id: NESTOR_WILKE_ID }, capacity: 25, seatsTaken: 0, calendarEventBooked: true });
    expect(created.body.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);

    const [presenterEvent] = (await mailboxEvents(NESTOR_WILKE_ID)).filter((event) => event.subject === created.body.title);
    expect(presenterEvent).toMatchObject({ isOrganizer: true, isOnlineMeeting: true, onlineMeeting: { joinUrl: created.body.joinUrl } });
    expect(presenterEvent!.start.timeZone).toBe('Europe/Paris');

    const catalog = await asEmployee<{ sessions: SessionView[] }>('GET', '/api/sessions');
    expect(catalog.status).toBe(200);
    expect(catalog.body.sessions.map((session) => session.id)).toContain(created.body.id);

    const registered = await asEmployee('POST', `/api/sessions/${created.body.id}/registrations`);
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ sessionId: created.body.id, status: 'confirmed', seat: 1, invite: 'sent' });

    const [updatedEvent] = (await mailboxEvents(NESTOR_WILKE_ID)).filter((event) => event.id === presenterEvent!.id);
    const employeeMail = (await asEmployee<{ mail: string }>('GET', '/api/me')).body.mail;
    expect(updatedEvent!.attendees.map((attendee) => attendee.emailAddress.address.toLowerCase())).toEqual([employeeMail.toLowerCase()]);
    const employeeCopy = (await mailboxEvents(ADELE_VANCE_ID)).find((event) => event.subject === created.body.title);
    expect(employeeCopy).toMatchObject({ isOrganizer: false, onlineMeeting: { joinUrl: created.body.joinUrl } });

    const mine = await asEmployee<{ sessions: Array<{ session: SessionView; registration: { status: string } }> }>('GET', '/api/me/sessions');
    expect(mine.status).toBe(200);
    expect(mine.body.sessions).toHaveLength(1);
    expect(mine.body.sessions[0]).toMatchObject({ session: { id: created.body.id, joinUrl: created.body.joinUrl, seatsTaken: 1 }, registration: { status: 'confirmed' } });

    const again = await asEmployee('POST', `/api/sessions/${created.body.id}/registrations`);
    expect(again).toMatchObject({ status: 409, body: { code: 'CAMPUS_ERR_ALREADY_REGISTERED' } });

    const second = await asOtherEmployee('POST', `/api/sessions/${created.body.id}/registrations`);
    expect(second.body).toMatchObject({ status: 'confirmed', seat: 2, invite: 'sent' });
    const [bothOnIt] = (await mailboxEvents(NESTOR_WILKE_ID)).filter((event) => event.id === presenterEvent!.id);
    expect(bothOnIt!.attendees).toHaveLength(2);
  });

  it('waitlists when a session is full and keeps capacity exact', async () => {
    const created = await asOrganizer<SessionView>('POST', '/api/sessions', newSession({ title: 'Workday absence requests', capacity: 1, start: { dateTime: localDay(11, '15:00:00'), timeZone: 'Europe/Paris' }, end: { dateTime: localDay(11, '16:00:00'), timeZone: 'Europe/Paris' } }));
    expect(created.status).toBe(201);
    expect((await asEmployee('POST', `/api/sessions/${created.body.id}/registrations`)).status).toBe(201);
    const waiting = await asOtherEmployee('POST', `/api/sessions/${created.body.id}/registrations`);
    expect(waiting).toMatchObject({ status: 201, body: { status: 'waitlisted', waitlistPosition: 1, seat: null } });
    const session = await asOtherEmployee<SessionView>('GET', `/api/sessions/${created.body.id}`);
    expect(session.body).toMatchObject({ seatsTaken: 1, seatsLeft: 0 });
  });

  it('lets only organizers create sessions and search presenters', async () => {
    expect(await asEmployee('POST', '/api/sessions', newSession())).toMatchObject({ status: 403, body: { code: 'CAMPUS_ERR_FORBIDDEN' } });
    expect(await asEmployee('GET', '/api/people?search=Nestor')).toMatchObject({ status: 403, body: { code: 'CAMPUS_ERR_FORBIDDEN' } });
  });

  it('refuses requests without a valid token', async () => {
    const anonymous = apiClient(campus.url, null);
    expect(await anonymous('GET', '/api/sessions')).toMatchObject({ status: 401, body: { code: 'CAMPUS_ERR_UNAUTHENTICATED' } });
    const forged = apiClient(campus.url, 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl');
    expect(await forged('GET', '/api/sessions')).toMatchObject({ status: 401, body: { code: 'CAMPUS_ERR_UNAUTHENTICATED' } });
  });

  it('answers unknown and malformed session ids clearly', async () => {
    const unknown = await asEmployee('POST', '/api/sessions/00000000-0000-4000-8000-000000000000/registrations');
    expect(unknown).toMatchObject({ status: 404, body: { code: 'CAMPUS_ERR_SESSION_NOT_FOUND' } });
    const malformed = await asEmployee('POST', '/api/sessions/not-an-id/registrations');
    expect(malformed).toMatchObject({ status: 400, body: { code: 'CAMPUS_ERR_VALIDATION', details: { location: 'params', field: '/sessionId' } } });
  });

  describe('bad input names the field and stores nothing', () => {
    const cases: Array<[string, unknown, string, string]> = [
      ['a missing title', (() => { const { title: _title, ...rest } = newSession(); return rest; })(), '/title', 'CAMPUS_ERR_VALIDATION'],
      ['end before start', newSession({ end: { dateTime: localDay(10, '14:00:00'), timeZone: 'Europe/Paris' } }), '/end', 'CAMPUS_ERR_VALIDATION'],
      ['a start in the past', newSession({ start: { dateTime: localDay(-2, '10:00:00'), timeZone: 'UTC' }, end: { dateTime: localDay(-2, '11:00:00'), timeZone: 'UTC' } }), '/start', 'CAMPUS_ERR_VALIDATION'],
      ['an unknown time zone', newSession({ start: { dateTime: localDay(10, '15:00:00'), timeZone: 'Mars/Olympus' } }), '/start/timeZone', 'CAMPUS_ERR_VALIDATION'],
      ['an impossible date', newSession({ start: { dateTime: '2031-02-30T10:00:00', timeZone: 'UTC' } }), '/start/dateTime', 'CAMPUS_ERR_VALIDATION'],
      ['capacity zero', newSession({ capacity: 0 }), '/capacity', 'CAMPUS_ERR_VALIDATION'],
      ['capacity 2.5', newSession({ capacity: 2.5 }), '/capacity', 'CAMPUS_ERR_VALIDATION'],
      ['capacity as text', newSession({ capacity: '10' }), '/capacity', 'CAMPUS_ERR_VALIDATION'],
      ['an unknown presenter', newSession({ presenterId: '00000000-0000-4000-8000-000000000001' }), '/presenterId', 'CAMPUS_ERR_UNKNOWN_PRESENTER'],
      ['a malformed presenter id', newSession({ presenterId: 'nestor' }), '/presenterId', 'CAMPUS_ERR_VALIDATION'],
      ['an oversized title', newSession({ title: 'x'.repeat(201) }), '/title', 'CAMPUS_ERR_VALIDATION'],
      ['an operator key', newSession({ start: { $gt: '' } }), '/start/$gt', 'CAMPUS_ERR_VALIDATION'],
      ['a dotted key', { ...newSession(), 'presenter.id': NESTOR_WILKE_ID }, '/presenter.id', 'CAMPUS_ERR_VALIDATION'],
      ['an unknown field', { ...newSession(), seatsTaken: 3 }, '/seatsTaken', 'CAMPUS_ERR_VALIDATION'],
      ['in person without a location', newSession({ online: false }), '/location', 'CAMPUS_ERR_VALIDATION'],
    ];

    it.each(cases)('%s', async (_name, body, field, code) => {
      const before = await asOrganizer<{ sessions: unknown[] }>('GET', '/api/sessions?limit=100');
      const answer = await asOrganizer<{ code: string; message: string; details: { field: string } }>('POST', '/api/sessions', body);
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe(code);
      expect(answer.body.details.field).toBe(field);
      expect(answer.body.message.length).toBeGreaterThan(0);
      const after = await asOrganizer<{ sessions: unknown[] }>('GET', '/api/sessions?limit=100');
      expect(after.body.sessions).toHaveLength(before.body.sessions.length);
    });

    it('a body that is not JSON', async () => {
      const answer = await asOrganizer('POST', '/api/sessions', '{"title": ');
      expect(answer).toMatchObject({ status: 400, body: { code: 'CAMPUS_ERR_VALIDATION' } });
    });
  });
});
