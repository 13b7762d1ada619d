import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionEventDraft } from '../../domain/calendar/calendar-gateway.js';
import { createCalendarGateway } from './calendar-gateway.js';
import { createGraphGateway } from './graph-gateway.js';
import {
  graphError,
  startGraphTestServer,
  type GraphTestServer,
  type SeenRequest,
} from './graph-test-server.js';

let server: GraphTestServer;
let calendar: ReturnType<typeof createCalendarGateway>;
let scope: { tenantId: string };
/** Events by id, as the fake mailbox keeps them; joinUrl appears only on the first read-back when `late`. */
let events: Map<string, Record<string, unknown>>;
let lateJoinUrl: boolean;

const presenter = randomUUID();

function draft(overrides: Partial<SessionEventDraft> = {}): SessionEventDraft {
  return {
    ownerId: presenter,
    transactionId: randomUUID(),
    subject: 'Campus: Intro to TypeScript',
    bodyHtml: '<p>Bring a laptop</p>',
    start: { dateTime: '2026-12-01T15:00:00', timeZone: 'Europe/Paris' },
    end: { dateTime: '2026-12-01T16:00:00', timeZone: 'Europe/Paris' },
    online: true,
    location: null,
    ...overrides,
  };
}

function calendarHandler(request: SeenRequest) {
  const parts = request.path.split('/');
  if (parts[1] !== 'users' || parts[2] !== presenter || parts[3] !== 'events') {
    return graphError(404, 'ErrorItemNotFound', 'Not found');
  }
  const eventId = parts[4];
  if (request.method === 'POST' && eventId === undefined) {
    const body = request.body as Record<string, unknown>;
    const existing = [...events.values()].find((event) => event.transactionId === body.transactionId);
    if (existing) return { status: 201, body: existing };
    const id = `AAMk${randomUUID()}=`;
    const joinUrl = body.isOnlineMeeting ? `https://teams.test/l/meetup-join/${id}` : null;
    const event = { ...body, id, onlineMeeting: joinUrl ? { joinUrl } : null };
    events.set(id, event);
    return { status: 201, body: lateJoinUrl ? { ...event, onlineMeeting: null } : event };
  }
  const event = eventId === undefined ? undefined : events.get(decodeURIComponent(eventId));
  if (!event) return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  if (request.method === 'POST' && parts[5] === 'cancel') {
    events.delete(decodeURIComponent(eventId!));
    return { status: 202 };
  }
  if (request.method === 'GET') return { body: event };
  if (request.method === 'PATCH') {
    Object.assign(event, request.body);
    return { body: event };
  }
  return graphError(405, 'ErrorInvalidRequest', 'Unsupported');
}

beforeAll(async () => {
  server = await startGraphTestServer();
  scope = { tenantId: server.tenantId };
  calendar = createCalendarGateway(createGraphGateway(server.config({ sleep: async () => {} })));
});
afterAll(() => server.close());
beforeEach(() => {
  events = new Map();
  lateJoinUrl = false;
  server.stats.graphRequests.length = 0;
  server.handle(calendarHandler);
});

describe('createEvent', () => {
  it('creates a Teams meeting in the presenter calendar and returns its join URL', async () => {
    const session = draft({ location: 'Lyon — room 4' });

    const created = await calendar.createEvent(scope, session);

    expect(created.joinUrl).toBe(`https://teams.test/l/meetup-join/${created.eventId}`);
    const request = server.stats.graphRequests[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/users/${presenter}/events`);
    expect(request.body).toEqual({
      subject: 'Campus: Intro to TypeScript',
      body: { contentType: 'html', content: '<p>Bring a laptop</p>' },
      start: { dateTime: '2026-12-01T15:00:00', timeZone: 'Europe/Paris' },
      end: { dateTime: '2026-12-01T16:00:00', timeZone: 'Europe/Paris' },
      location: { displayName: 'Lyon — room 4' },
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      allowNewTimeProposals: false,
      responseRequested: true,
      transactionId: session.transactionId,
    });
  });

  it('sends the same transactionId again and gets the same event back', async () => {
    const session = draft();

    const first = await calendar.createEvent(scope, session);
    const second = await calendar.createEvent(scope, session);

    expect(second).toEqual(first);
    expect(events.size).toBe(1);
  });

  it('reads the join URL back when Exchange had not provisioned it in the POST answer', async () => {
    lateJoinUrl = true;

    const created = await calendar.createEvent(scope, draft());

    expect(created.joinUrl).toBe(`https://teams.test/l/meetup-join/${created.eventId}`);
    const reread = server.stats.graphRequests[1]!;
    expect(reread.method).toBe('GET');
    expect(decodeURIComponent(reread.path)).toBe(`/users/${presenter}/events/${created.eventId}`);
  });

  it('creates an in-person event without a Teams meeting', async () => {
    const created = await calendar.createEvent(scope, draft({ online: false, location: 'Lyon' }));

    expect(created.joinUrl).toBeNull();
    expect(server.stats.graphRequests).toHaveLength(1);
    expect(server.stats.graphRequests[0]?.body).not.toHaveProperty('onlineMeetingProvider');
    expect(server.stats.graphRequests[0]?.body).toMatchObject({ isOnlineMeeting: false });
  });
});

describe('replaceAttendees', () => {
  it('patches only the attendee list, as required attendees, without duplicates', async () => {
    const { eventId } = await calendar.createEvent(scope, draft());

    await calendar.replaceAttendees(scope, presenter, eventId, [
      { email: 'ada@contoso.test', name: 'Ada Lovelace' },
      { email: 'grace@contoso.test', name: 'Grace Hopper' },
      { email: 'ADA@contoso.test', name: 'Ada Lovelace' },
    ]);

    const patch = server.stats.graphRequests.find((request) => request.method === 'PATCH')!;
    expect(decodeURIComponent(patch.path)).toBe(`/users/${presenter}/events/${eventId}`);
    expect(patch.body).toEqual({
      attendees: [
        { type: 'required', emailAddress: { address: 'ada@contoso.test', name: 'Ada Lovelace' } },
        { type: 'required', emailAddress: { address: 'grace@contoso.test', name: 'Grace Hopper' } },
      ],
    });
    expect(events.get(eventId)?.attendees).toHaveLength(2);
  });

  it('reports a missing event as a 404 GraphRequestError', async () => {
    const error = await calendar
      .replaceAttendees(scope, presenter, 'AAMk-gone', [{ email: 'ada@contoso.test', name: 'Ada' }])
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'GraphRequestError', status: 404, graphCode: 'ErrorItemNotFound' });
  });
});

describe('updateEvent', () => {
  it('patches the details and the whole attendee list together, so every attendee gets the update', async () => {
    const { eventId } = await calendar.createEvent(scope, draft());

    const moved = draft({
      start: { dateTime: '2026-12-02T09:00:00', timeZone: 'Europe/Paris' },
      end: { dateTime: '2026-12-02T10:00:00', timeZone: 'Europe/Paris' },
      online: false,
      location: 'Lyon',
    });
    await calendar.updateEvent(scope, presenter, eventId, moved, [
      { email: 'ada@contoso.test', name: 'Ada Lovelace' },
    ]);

    const patch = server.stats.graphRequests.find((request) => request.method === 'PATCH')!;
    expect(patch.body).toEqual({
      subject: 'Campus: Intro to TypeScript',
      body: { contentType: 'html', content: '<p>Bring a laptop</p>' },
      start: { dateTime: '2026-12-02T09:00:00', timeZone: 'Europe/Paris' },
      end: { dateTime: '2026-12-02T10:00:00', timeZone: 'Europe/Paris' },
      location: { displayName: 'Lyon' },
      isOnlineMeeting: false,
      attendees: [{ type: 'required', emailAddress: { address: 'ada@contoso.test', name: 'Ada Lovelace' } }],
    });
  });
});

describe('cancelEvent', () => {
  it("posts Graph's cancel with the organizer's comment", async () => {
    const { eventId } = await calendar.createEvent(scope, draft());

    await calendar.cancelEvent(scope, presenter, eventId, 'The presenter is ill; we will reschedule.');

    const cancel = server.stats.graphRequests.at(-1)!;
    expect(cancel.method).toBe('POST');
    expect(decodeURIComponent(cancel.path)).toBe(`/users/${presenter}/events/${eventId}/cancel`);
    expect(cancel.body).toEqual({ comment: 'The presenter is ill; we will reschedule.' });
    expect(events.has(eventId)).toBe(false);
  });
});
