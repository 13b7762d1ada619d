import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { TenantState } from '../../state.js';
import {
  ATTENDEE_NY,
  ATTENDEE_TOKYO,
  COLLEAGUE,
  EXTERNAL,
  ORGANIZER,
  WRITER,
  appCaller,
  as,
  delegatedCaller,
  useFreshHarness,
} from './test-harness.js';

const eventsUrl = (user: string) => `/v1.0/users/${user}/events`;

function attendee(address: string) {
  return { type: 'required', emailAddress: { address } };
}

function sessionBody(extra: Record<string, unknown> = {}) {
  return {
    subject: 'Peer session: TypeScript generics',
    body: { contentType: 'html', content: '<html><body><p>Bring a laptop.</p></body></html>' },
    start: { dateTime: '2026-03-10T14:00:00', timeZone: 'Europe/Paris' },
    end: { dateTime: '2026-03-10T15:00:00', timeZone: 'Europe/Paris' },
    location: { displayName: 'Room 4.12' },
    attendees: [attendee(ATTENDEE_NY.mail), attendee(EXTERNAL)],
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    allowNewTimeProposals: false,
    responseRequested: true,
    ...extra,
  };
}

let state: TenantState;
let app: FastifyInstance;
useFreshHarness((harness) => ({ state, app } = harness));

/** POSTs the session event (with `extra` over it) to a mailbox as `headers` say, and returns Graph's answer. */
function postSession(mailbox: string, extra: Record<string, unknown> = {}, headers = WRITER) {
  return app.inject({ method: 'POST', url: eventsUrl(mailbox), headers, payload: sessionBody(extra) });
}

async function createSession(extra: Record<string, unknown> = {}) {
  const response = await postSession(ORGANIZER.userPrincipalName, extra);
  expect(response.statusCode).toBe(201);
  return response.json();
}

function outbox(kind?: string) {
  return state.outbox.filter((message) => kind === undefined || message.kind === kind);
}

function copiesOf(eventId: string) {
  return [...state.events.values()].filter((event) => event.seriesOrganizerEventId === eventId);
}

describe('POST /users/{id}/events', () => {
  it('creates a Teams meeting with a join URL unique to the event and the full event shape', async () => {
    const first = await createSession();
    const second = await createSession({ transactionId: 'other' });
    expect(first['@odata.context']).toBe(
      `https://graph.microsoft.com/v1.0/$metadata#users('${ORGANIZER.id}')/events/$entity`,
    );
    expect(first['@odata.etag']).toBe(`W/"${first.changeKey}"`);
    expect(first.onlineMeeting.joinUrl).toMatch(
      /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_[A-Za-z0-9_-]+%40thread\.v2\/0\?context=/,
    );
    expect(first.onlineMeeting.joinUrl).not.toBe(second.onlineMeeting.joinUrl);
    expect(first).toMatchObject({
      subject: 'Peer session: TypeScript generics',
      isOrganizer: true,
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      allowNewTimeProposals: false,
      originalStartTimeZone: 'Europe/Paris',
      start: { dateTime: '2026-03-10T14:00:00.0000000', timeZone: 'Europe/Paris' },
      organizer: { emailAddress: { address: ORGANIZER.mail, name: ORGANIZER.displayName } },
      responseStatus: { response: 'organizer' },
      location: { displayName: 'Room 4.12' },
      type: 'singleInstance',
    });
    expect(first.attendees[0]).toEqual({
      type: 'required',
      emailAddress: { address: ATTENDEE_NY.mail, name: ATTENDEE_NY.displayName },
      status: { response: 'none', time: '0001-01-01T00:00:00Z' },
    });
    expect(first.body.content).toContain(first.onlineMeeting.joinUrl);
    expect(first.webLink).toContain(encodeURIComponent(first.id));
    expect(first.iCalUId).toMatch(/^040000008200E00074C5B7101A82E008/);
  });

  it('keeps a Windows time zone name as sent', async () => {
    const event = await createSession({
      start: { dateTime: '2026-03-10T09:00:00', timeZone: 'Pacific Standard Time' },
      end: { dateTime: '2026-03-10T10:00:00.0000000', timeZone: 'Pacific Standard Time' },
    });
    expect(event.start).toEqual({
      dateTime: '2026-03-10T09:00:00.0000000',
      timeZone: 'Pacific Standard Time',
    });
    expect(event.originalEndTimeZone).toBe('Pacific Standard Time');
  });

  it('returns the first event for a repeated transactionId and invites nobody twice', async () => {
    const first = await createSession({ transactionId: 'session-42-presenter' });
    const again = await createSession({ transactionId: 'session-42-presenter', subject: 'changed on retry' });
    expect(again.id).toBe(first.id);
    expect(again.subject).toBe(first.subject);
    const organizerEvents = [...state.events.values()].filter((event) => event.ownerId === ORGANIZER.id);
    expect(organizerEvents).toHaveLength(1);
    expect(outbox('meetingRequest')).toHaveLength(2);
    expect(copiesOf(first.id)).toHaveLength(1);
  });

  it('scopes transactionId to the mailbox', async () => {
    const first = await createSession({ transactionId: 'same-id' });
    const response = await postSession(COLLEAGUE.id, { transactionId: 'same-id' });
    expect(response.statusCode).toBe(201);
    expect(response.json().id).not.toBe(first.id);
  });

  it('puts a copy in each tenant attendee mailbox and mails every attendee an invitation', async () => {
    const event = await createSession();
    const copies = copiesOf(event.id);
    expect(copies).toHaveLength(1);
    const copy = copies[0]!;
    expect(copy).toMatchObject({
      ownerId: ATTENDEE_NY.id,
      isOrganizer: false,
      iCalUId: event.iCalUId,
      onlineMeeting: { joinUrl: event.onlineMeeting.joinUrl },
      showAs: 'tentative',
    });
    const invited = outbox('meetingRequest').map((message) => message.toAddresses[0]);
    expect(invited).toEqual([ATTENDEE_NY.mail, EXTERNAL]);
    expect(
      outbox('meetingRequest').every(
        (message) => message.eventId === event.id && message.fromUserId === ORGANIZER.id,
      ),
    ).toBe(true);

    const asAttendee = await app.inject({
      method: 'GET',
      url: `${eventsUrl(ATTENDEE_NY.id)}/${encodeURIComponent(copy.id)}`,
      headers: WRITER,
    });
    expect(asAttendee.json()).toMatchObject({
      isOrganizer: false,
      responseStatus: { response: 'notResponded' },
    });
  });

  it('also creates through /calendar/events', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/v1.0/users/${ORGANIZER.id}/calendar/events`,
      headers: WRITER,
      payload: sessionBody(),
    });
    expect(response.statusCode).toBe(201);
    expect(state.events.get(response.json().id)?.ownerId).toBe(ORGANIZER.id);
  });

  it.each([
    ['no start', { start: undefined }, 'ErrorInvalidRequest'],
    [
      'end before start',
      { end: { dateTime: '2026-03-10T13:00:00', timeZone: 'Europe/Paris' } },
      'ErrorCalendarEndDateIsEarlierThanStartDate',
    ],
    [
      'unknown time zone',
      { start: { dateTime: '2026-03-10T14:00:00', timeZone: 'Greenwich Mean Time' } },
      'TimeZoneNotSupportedException',
    ],
    [
      'malformed dateTime',
      { start: { dateTime: '10/03/2026 14:00', timeZone: 'UTC' } },
      'ErrorInvalidRequest',
    ],
    [
      'attendee without address',
      { attendees: [{ emailAddress: { name: 'Nobody' } }] },
      'ErrorInvalidRecipients',
    ],
  ])('rejects %s with a Graph error', async (_name, extra, code) => {
    const response = await postSession(ORGANIZER.id, extra);
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe(code);
    expect(body.error.innerError['request-id']).toEqual(expect.any(String));
    expect(state.events.size).toBe(0);
    expect(state.outbox).toHaveLength(0);
  });
});

describe('permissions', () => {
  it('refuses an application without Calendars.ReadWrite', async () => {
    const response = await postSession(ORGANIZER.id, {}, as(appCaller('Calendars.Read')));
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('ErrorAccessDenied');
  });

  it('lets Calendars.Read list but not write', async () => {
    await createSession();
    const response = await app.inject({
      method: 'GET',
      url: eventsUrl(ORGANIZER.id),
      headers: as(appCaller('Calendars.Read')),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().value).toHaveLength(1);
  });

  it('lets a delegated user write their own calendar but not a colleague’s', async () => {
    const signedIn = as(delegatedCaller(ORGANIZER.id, 'Calendars.ReadWrite'));
    const own = await postSession(ORGANIZER.id, {}, signedIn);
    expect(own.statusCode).toBe(201);
    const other = await postSession(COLLEAGUE.id, {}, signedIn);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('ErrorAccessDenied');
  });

  it('answers 404 ErrorInvalidUser for an unknown mailbox', async () => {
    const response = await app.inject({
      method: 'GET',
      url: eventsUrl('nobody@contoso-dev.onmicrosoft.com'),
      headers: WRITER,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('ErrorInvalidUser');
  });
});

describe('GET /users/{id}/events/{id}', () => {
  it('returns the event in UTC by default, honours $select, and 404s for another mailbox’s id', async () => {
    const event = await createSession();
    const url = `${eventsUrl(ORGANIZER.id)}/${encodeURIComponent(event.id)}`;
    const full = await app.inject({ method: 'GET', url, headers: WRITER });
    expect(full.json().start).toEqual({ dateTime: '2026-03-10T13:00:00.0000000', timeZone: 'UTC' });
    const selected = await app.inject({
      method: 'GET',
      url: `${url}?$select=subject,start`,
      headers: WRITER,
    });
    expect(Object.keys(selected.json()).sort()).toEqual([
      '@odata.context',
      '@odata.etag',
      'id',
      'start',
      'subject',
    ]);
    expect(selected.json()['@odata.context']).toContain('/events(subject,start)/$entity');
    const elsewhere = await app.inject({
      method: 'GET',
      url: `${eventsUrl(COLLEAGUE.id)}/${encodeURIComponent(event.id)}`,
      headers: WRITER,
    });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error.code).toBe('ErrorItemNotFound');
  });
});

describe('PATCH /users/{id}/events/{id}', () => {
  async function patch(eventId: string, payload: Record<string, unknown>) {
    return app.inject({
      method: 'PATCH',
      url: `${eventsUrl(ORGANIZER.id)}/${encodeURIComponent(eventId)}`,
      headers: WRITER,
      payload,
    });
  }

  it('with attendees alone, messages only the added and removed attendees and replaces the list whole', async () => {
    const event = await createSession();
    state.outbox.length = 0;
    const response = await patch(event.id, {
      attendees: [attendee(EXTERNAL), attendee(ATTENDEE_TOKYO.mail)],
    });
    expect(response.statusCode).toBe(200);
    expect(
      response
        .json()
        .attendees.map((entry: { emailAddress: { address: string } }) => entry.emailAddress.address),
    ).toEqual([EXTERNAL, ATTENDEE_TOKYO.mail]);
    expect(state.outbox.map((message) => [message.kind, message.toAddresses[0]])).toEqual([
      ['meetingRequest', ATTENDEE_TOKYO.mail],
      ['meetingCancellation', ATTENDEE_NY.mail],
    ]);
    const copies = copiesOf(event.id);
    expect(copies.find((copy) => copy.ownerId === ATTENDEE_TOKYO.id)?.isCancelled).toBe(false);
    expect(copies.find((copy) => copy.ownerId === ATTENDEE_NY.id)?.isCancelled).toBe(true);
  });

  it('with attendees unchanged, sends nothing', async () => {
    const event = await createSession();
    state.outbox.length = 0;
    const response = await patch(event.id, {
      attendees: [attendee(ATTENDEE_NY.mail.toUpperCase()), attendee(EXTERNAL)],
    });
    expect(response.statusCode).toBe(200);
    expect(state.outbox).toHaveLength(0);
  });

  it('changing the start sends an update to every attendee and moves their copies', async () => {
    const event = await createSession();
    state.outbox.length = 0;
    const start = { dateTime: '2026-03-11T14:00:00', timeZone: 'Europe/Paris' };
    const end = { dateTime: '2026-03-11T15:00:00', timeZone: 'Europe/Paris' };
    const response = await patch(event.id, { start, end });
    expect(response.statusCode).toBe(200);
    expect(response.json().start.dateTime).toBe('2026-03-11T14:00:00.0000000');
    expect(response.json().changeKey).not.toBe(event.changeKey);
    expect(state.outbox.map((message) => [message.kind, message.toAddresses[0]])).toEqual([
      ['meetingUpdate', ATTENDEE_NY.mail],
      ['meetingUpdate', EXTERNAL],
    ]);
    expect(copiesOf(event.id)[0]?.start.dateTime).toBe('2026-03-11T14:00:00.0000000');
  });

  it('with other properties and a new list, invites the added, cancels the removed and updates the rest', async () => {
    const event = await createSession();
    state.outbox.length = 0;
    await patch(event.id, {
      subject: 'Moved',
      attendees: [attendee(ATTENDEE_NY.mail), attendee(COLLEAGUE.mail)],
    });
    expect(state.outbox.map((message) => [message.kind, message.toAddresses[0]])).toEqual([
      ['meetingRequest', COLLEAGUE.mail],
      ['meetingCancellation', EXTERNAL],
      ['meetingUpdate', ATTENDEE_NY.mail],
    ]);
    expect(copiesOf(event.id).find((copy) => copy.ownerId === ATTENDEE_NY.id)?.subject).toBe('Moved');
  });

  it('rejects an end before the stored start and 404s an unknown event', async () => {
    const event = await createSession();
    const bad = await patch(event.id, { end: { dateTime: '2026-03-09T10:00:00', timeZone: 'UTC' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('ErrorCalendarEndDateIsEarlierThanStartDate');
    const missing = await patch('AAMkAunknown=', { subject: 'x' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('ErrorItemNotFound');
  });

  it('keeps an attendee’s change to their own copy in their mailbox', async () => {
    const event = await createSession();
    state.outbox.length = 0;
    const copy = copiesOf(event.id)[0]!;
    const response = await app.inject({
      method: 'PATCH',
      url: `${eventsUrl(ATTENDEE_NY.id)}/${encodeURIComponent(copy.id)}`,
      headers: WRITER,
      payload: { showAs: 'free' },
    });
    expect(response.json().showAs).toBe('free');
    expect(state.events.get(event.id)?.showAs).toBe('busy');
    expect(state.outbox).toHaveLength(0);
  });
});

describe('cancel and delete', () => {
  it('cancel sends the comment to every attendee, cancels their copies and removes the organizer’s event', async () => {
    const event = await createSession();
    state.outbox.length = 0;
    const response = await app.inject({
      method: 'POST',
      url: `${eventsUrl(ORGANIZER.id)}/${encodeURIComponent(event.id)}/cancel`,
      headers: WRITER,
      payload: { comment: 'The presenter is ill; we will reschedule.' },
    });
    expect(response.statusCode).toBe(202);
    expect(response.body).toBe('');
    expect(
      state.outbox.map((message) => [message.kind, message.toAddresses[0], message.body.content]),
    ).toEqual([
      ['meetingCancellation', ATTENDEE_NY.mail, 'The presenter is ill; we will reschedule.'],
      ['meetingCancellation', EXTERNAL, 'The presenter is ill; we will reschedule.'],
    ]);
    expect(state.outbox[0]?.subject).toBe('Canceled: Peer session: TypeScript generics');
    expect(copiesOf(event.id)[0]?.isCancelled).toBe(true);
    expect(state.events.has(event.id)).toBe(false);
  });

  it('cancel by an attendee is refused', async () => {
    const event = await createSession();
    const copy = copiesOf(event.id)[0]!;
    const response = await app.inject({
      method: 'POST',
      url: `${eventsUrl(ATTENDEE_NY.id)}/${encodeURIComponent(copy.id)}/cancel`,
      headers: WRITER,
      payload: {},
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('ErrorAccessDenied');
  });

  it('delete by the organizer sends cancellations; delete by an attendee is local', async () => {
    const event = await createSession();
    const copy = copiesOf(event.id)[0]!;
    state.outbox.length = 0;
    const byAttendee = await app.inject({
      method: 'DELETE',
      url: `${eventsUrl(ATTENDEE_NY.id)}/${encodeURIComponent(copy.id)}`,
      headers: WRITER,
    });
    expect(byAttendee.statusCode).toBe(204);
    expect(state.outbox).toHaveLength(0);
    const byOrganizer = await app.inject({
      method: 'DELETE',
      url: `${eventsUrl(ORGANIZER.id)}/${encodeURIComponent(event.id)}`,
      headers: WRITER,
    });
    expect(byOrganizer.statusCode).toBe(204);
    expect(state.outbox.map((message) => message.kind)).toEqual([
      'meetingCancellation',
      'meetingCancellation',
    ]);
    expect(state.events.size).toBe(0);
  });
});

describe('attendee answers', () => {
  const answer = (user: string, eventId: string, action: string, payload: Record<string, unknown> = {}) =>
    app.inject({
      method: 'POST',
      url: `${eventsUrl(user)}/${encodeURIComponent(eventId)}/${action}`,
      headers: WRITER,
      payload,
    });

  it('accept marks the copy busy and the organizer sees the answer, kept across an attendee-only PATCH', async () => {
    const event = await createSession();
    const copy = copiesOf(event.id)[0]!;
    const response = await answer(ATTENDEE_NY.id, copy.id, 'accept', {
      comment: 'See you there',
      sendResponse: true,
    });
    expect(response.statusCode).toBe(202);
    const mine = await app.inject({
      method: 'GET',
      url: `${eventsUrl(ATTENDEE_NY.id)}/${encodeURIComponent(copy.id)}`,
      headers: WRITER,
    });
    expect(mine.json()).toMatchObject({ showAs: 'busy', responseStatus: { response: 'accepted' } });
    await app.inject({
      method: 'PATCH',
      url: `${eventsUrl(ORGANIZER.id)}/${encodeURIComponent(event.id)}`,
      headers: WRITER,
      payload: { attendees: [attendee(ATTENDEE_NY.mail), attendee(COLLEAGUE.mail)] },
    });
    const organizer = await app.inject({
      method: 'GET',
      url: `${eventsUrl(ORGANIZER.id)}/${encodeURIComponent(event.id)}`,
      headers: WRITER,
    });
    const statuses = organizer
      .json()
      .attendees.map((entry: { status: { response: string } }) => entry.status.response);
    expect(statuses).toEqual(['accepted', 'none']);
  });

  it('decline removes the copy; sendResponse false leaves the organizer untold', async () => {
    const event = await createSession();
    const copy = copiesOf(event.id)[0]!;
    expect((await answer(ATTENDEE_NY.id, copy.id, 'decline', { sendResponse: false })).statusCode).toBe(202);
    expect(state.events.has(copy.id)).toBe(false);
    expect(state.events.get(event.id)?.attendees[0]?.status.response).toBe('none');
  });

  it('refuses the organizer answering their own meeting', async () => {
    const event = await createSession();
    const response = await answer(ORGANIZER.id, event.id, 'tentativelyAccept');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('ErrorCalendarIsOrganizerForTentative');
  });
});
