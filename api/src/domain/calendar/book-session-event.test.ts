import { describe, expect, it } from 'vitest';
import { createError } from '../../errors.js';
import { createInMemoryOutboxStore } from '../outbox/in-memory-outbox-store.js';
import type { OutgoingMail } from '../outbox/outgoing-mail.js';
import {
  owesInvite,
  owesWithdrawal,
  type Registration,
  type RegistrationRepository,
} from '../registrations/registration.js';
import type { Session, SessionRepository } from '../sessions/session.js';
import { createBookSessionEvent } from './book-session-event.js';
import type { CalendarGateway, EventAttendee } from './calendar-gateway.js';

const scope = { tenantId: 't1' };
const at = new Date('2030-01-01T10:00:00Z');

function session(overrides: Partial<Session> = {}): Session {
  return {
    id: 's1',
    tenantId: 't1',
    title: 'Excel macros',
    abstract: 'Record, then edit.',
    presenter: { id: 'p1', displayName: 'Pat', mail: 'pat@x.test' },
    organizerId: 'o1',
    start: { dateTime: '2030-01-01T10:00:00', timeZone: 'UTC' },
    end: { dateTime: '2030-01-01T11:00:00', timeZone: 'UTC' },
    startsAt: at,
    endsAt: new Date(at.getTime() + 3_600_000),
    capacity: 10,
    online: true,
    location: null,
    status: 'scheduled',
    calendar: { ownerId: 'p1', transactionId: 's1', eventId: null, joinUrl: null },
    createdAt: at,
    updatedAt: at,
    ...overrides,
  } as Session;
}

function registration(id: string, status = 'confirmed'): Registration {
  return {
    id,
    tenantId: 't1',
    sessionId: 's1',
    userId: `u-${id}`,
    displayName: id,
    mail: `${id}@x.test`,
    status,
    seat: 1,
    invite: 'pending',
    createdAt: at,
    updatedAt: at,
  } as Registration;
}

type GraphCall =
  | { op: 'create'; transactionId: string }
  | { op: 'attendees' | 'update'; attendees: string[] }
  | { op: 'cancel'; comment: string };

/** In-memory ports; the fake Outlook dedupes creation by transactionId as Graph does. `fail` makes Graph fail. */
function world() {
  const sessions = new Map([['s1', session()]]);
  const registrations: Registration[] = [];
  const calls: GraphCall[] = [];
  const outlookEvents = new Map<string, string>();
  const mails: OutgoingMail[] = [];
  let fail: ((op: GraphCall['op'] | 'mail') => unknown) | null = null;
  let onAttendeeWrite: () => Promise<void> = async () => undefined;
  const emails = (attendees: EventAttendee[]) => attendees.map((attendee) => attendee.email);
  const check = (op: GraphCall['op'] | 'mail') => {
    const error = fail?.(op);
    if (error) throw error;
  };
  const calendar: CalendarGateway = {
    async createEvent(_scope, draft) {
      calls.push({ op: 'create', transactionId: draft.transactionId });
      if (!outlookEvents.has(draft.transactionId))
        outlookEvents.set(draft.transactionId, `e${outlookEvents.size + 1}`);
      // A failed create has still made the event: the answer is what got lost (the worst case for duplicates).
      check('create');
      return {
        eventId: outlookEvents.get(draft.transactionId)!,
        joinUrl: 'https://teams.microsoft.com/l/meetup-join/x',
      };
    },
    async replaceAttendees(_scope, _owner, _event, attendees) {
      check('attendees');
      calls.push({ op: 'attendees', attendees: emails(attendees) });
      await onAttendeeWrite();
    },
    async updateEvent(_scope, _owner, _event, _details, attendees) {
      check('update');
      calls.push({ op: 'update', attendees: emails(attendees) });
    },
    async cancelEvent(_scope, _owner, _event, comment) {
      check('cancel');
      calls.push({ op: 'cancel', comment });
    },
  };
  const sessionRepository = {
    async findById(_s: unknown, id: string) {
      return sessions.get(id) ?? null;
    },
    async recordCalendarEvent(_s: unknown, id: string, event: { eventId: string; joinUrl: string | null }) {
      const found = sessions.get(id)!;
      sessions.set(id, { ...found, calendar: { ...found.calendar, ...event } });
    },
    async listAwaitingCalendarEvent() {
      return [...sessions.values()].filter((s) => !s.calendar.eventId && s.status === 'scheduled');
    },
    async listPendingEventUpdates(from: Date) {
      return [...sessions.values()].filter(
        (s) => s.startsAt > from && (s.calendar.pendingUpdate ?? null) !== null,
      );
    },
    async clearPendingUpdate(_s: unknown, id: string, updateId: string) {
      const found = sessions.get(id)!;
      if (found.calendar.pendingUpdate === updateId)
        sessions.set(id, { ...found, calendar: { ...found.calendar, pendingUpdate: null } });
    },
  } as unknown as SessionRepository;
  const registrationRepository = {
    async listBySession() {
      return registrations.map((r) => ({ ...r }));
    },
    async markInvites(_s: unknown, ids: string[], invite: Registration['invite']) {
      for (const r of registrations) if (ids.includes(r.id)) r.invite = invite;
    },
    async listSessionsWithPendingInvites() {
      return registrations.some((r) => owesInvite(r) || owesWithdrawal(r))
        ? [{ tenantId: 't1', sessionId: 's1' }]
        : [];
    },
  } as unknown as RegistrationRepository;
  let now = new Date('2029-12-01T08:00:00Z');
  const clock = { now: () => now };
  const outbox = createInMemoryOutboxStore(clock);
  let ids = 0;
  const booking = (holderId: string) =>
    createBookSessionEvent({
      calendar,
      mail: {
        async sendMail(_scope, mail) {
          check('mail');
          mails.push(mail);
        },
      },
      sessions: sessionRepository,
      registrations: registrationRepository,
      outbox: outbox.store,
      clock,
      ids: { newId: () => `id${++ids}` },
      holderId,
      logger: { warn: () => undefined },
      outboxTiming: { random: () => 0, heartbeat: () => () => undefined },
    });
  return {
    sessions,
    registrations,
    calls,
    mails,
    outbox,
    booking,
    outlookEvents,
    ops: () => calls.map((call) => call.op),
    failWith(next: typeof fail) {
      fail = next;
    },
    setOnAttendeeWrite(fn: () => Promise<void>) {
      onAttendeeWrite = fn;
    },
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

const graphDown = () => createError('CAMPUS_ERR_GRAPH_UNAVAILABLE', 'Graph is down (test)');

describe('booking a session into Outlook through the outbox', () => {
  it('creates the event once, sends the whole attendee list once, and marks the invitations sent', async () => {
    const w = world();
    const booking = w.booking('h1');
    const booked = await booking.tryNow(w.sessions.get('s1')!);
    expect(booked.calendar.eventId).toBe('e1');
    w.registrations.push(registration('a'), registration('b'));
    await booking.requestAttendeeSync(scope, 's1');
    // Nothing changed since: a second request costs no Graph call.
    await booking.requestAttendeeSync(scope, 's1');
    expect(w.calls).toEqual([
      { op: 'create', transactionId: 's1' },
      { op: 'attendees', attendees: ['a@x.test', 'b@x.test'] },
    ]);
    expect(w.registrations.map((r) => r.invite)).toEqual(['sent', 'sent']);
  });

  it('removes a cancelled registration from the event by sending the remaining list', async () => {
    const w = world();
    const booking = w.booking('h1');
    w.registrations.push(registration('a'), registration('b'));
    await booking.requestAttendeeSync(scope, 's1');
    w.registrations[0]!.status = 'cancelled' as Registration['status'];
    await booking.requestAttendeeSync(scope, 's1');
    expect(w.calls.at(-1)).toEqual({ op: 'attendees', attendees: ['b@x.test'] });
  });

  it("leaves a registration that arrives during another holder's write to that holder, which sends it next", async () => {
    const w = world();
    await w.booking('h1').tryNow(w.sessions.get('s1')!);
    w.registrations.push(registration('a'));
    const first = w.booking('h1');
    const second = w.booking('h2');
    let secondDone: Promise<void> = Promise.resolve();
    w.setOnAttendeeWrite(async () => {
      w.setOnAttendeeWrite(async () => undefined);
      w.registrations.push(registration('b'));
      secondDone = second.requestAttendeeSync(scope, 's1');
      await secondDone;
    });
    await first.requestAttendeeSync(scope, 's1');
    await secondDone;
    await first.idle();
    expect(w.calls.slice(1)).toEqual([
      { op: 'attendees', attendees: ['a@x.test'] },
      { op: 'attendees', attendees: ['a@x.test', 'b@x.test'] },
    ]);
    expect(w.registrations.every((r) => r.invite === 'sent')).toBe(true);
    expect(w.outbox.claims.size).toBe(0);
  });

  it('recovers a crash between the Graph call and recording its answer without creating or inviting twice', async () => {
    const w = world();
    w.registrations.push(registration('a'));
    // The first process's create reached Outlook, but it died before recording the event id or the attendees.
    w.failWith((op) => (op === 'create' ? graphDown() : null));
    await w.booking('h1').tryNow(w.sessions.get('s1')!);
    w.failWith(null);
    await w.booking('h2').processPending(10);
    expect(w.ops()).toEqual(['create', 'create', 'attendees']);
    expect(w.outlookEvents.size).toBe(1);
    expect(w.sessions.get('s1')!.calendar.eventId).toBe('e1');
    expect(await w.booking('h2').processPending(10)).toMatchObject({ eventsCreated: 0, sessionsSynced: 0 });
  });

  it('finds work the data implies when the request never ran: a session without event, confirmed registrations not invited', async () => {
    const w = world();
    w.registrations.push(registration('a'));
    expect(await w.booking('h1').processPending(10)).toMatchObject({ eventsCreated: 1, sessionsSynced: 1 });
    expect(w.ops()).toEqual(['create', 'attendees']);
    expect(w.registrations[0]!.invite).toBe('sent');
  });

  it('finds a withdrawal the data implies: a cancellation whose attendee sync never ran', async () => {
    const w = world();
    w.registrations.push(registration('a'), registration('b'));
    await w.booking('h1').requestAttendeeSync(scope, 's1');
    // Cancelled, and the process died before requesting the sync: the invite still says 'sent'.
    w.registrations[0]!.status = 'cancelled';
    const restarted = w.booking('h2');
    expect(await restarted.processPending(10)).toMatchObject({ sessionsSynced: 1 });
    expect(w.calls.at(-1)).toEqual({ op: 'attendees', attendees: ['b@x.test'] });
    expect(w.registrations.map((r) => r.invite)).toEqual(['pending', 'sent']);
    w.advance(61_000);
    await restarted.processPending(10);
    expect(w.ops()).toEqual(['create', 'attendees', 'attendees']);
  });

  it('finds a change of time, and a cancellation, stored with the session when their requests never ran', async () => {
    const w = world();
    w.registrations.push(registration('a'));
    await w.booking('h1').requestAttendeeSync(scope, 's1');
    const moved = { dateTime: '2030-01-01T12:00:00', timeZone: 'UTC' };
    w.sessions.set('s1', {
      ...w.sessions.get('s1')!,
      start: moved,
      calendar: { ...w.sessions.get('s1')!.calendar, pendingUpdate: 'change-1' },
    });
    const restarted = w.booking('h2');
    await restarted.processPending(10);
    expect(w.calls.slice(2)).toEqual([{ op: 'update', attendees: ['a@x.test'] }]);
    expect(w.sessions.get('s1')!.calendar.pendingUpdate).toBeNull();
    w.advance(61_000);
    await restarted.processPending(10);
    expect(w.calls).toHaveLength(3);

    const cancellation = { at, byUserId: 'o1', message: 'Pat moved on.' };
    w.sessions.set('s1', {
      ...w.sessions.get('s1')!,
      status: 'cancelled',
      cancellation,
      calendar: { ...w.sessions.get('s1')!.calendar, pendingUpdate: 'change-2' },
    });
    w.advance(61_000);
    await restarted.processPending(10);
    expect(w.calls.slice(3)).toEqual([{ op: 'cancel', comment: 'Pat moved on.' }]);
    expect(w.sessions.get('s1')!.calendar.pendingUpdate).toBeNull();
  });

  it('sends a change of time to every attendee once, and nothing when the change did not happen', async () => {
    const w = world();
    const booking = w.booking('h1');
    w.registrations.push(registration('a'));
    await booking.requestAttendeeSync(scope, 's1');
    await booking.requestEventUpdate(scope, 's1');
    expect(w.ops()).toEqual(['create', 'attendees']);
    w.sessions.set('s1', {
      ...w.sessions.get('s1')!,
      start: { dateTime: '2030-01-01T12:00:00', timeZone: 'UTC' },
    });
    await booking.requestEventUpdate(scope, 's1');
    await booking.requestEventUpdate(scope, 's1');
    expect(w.calls.slice(2)).toEqual([{ op: 'update', attendees: ['a@x.test'] }]);
  });

  it('cancels the event once with the message, and never books a cancelled session', async () => {
    const w = world();
    const booking = w.booking('h1');
    w.registrations.push(registration('a'));
    await booking.requestAttendeeSync(scope, 's1');
    w.sessions.set('s1', { ...w.sessions.get('s1')!, status: 'cancelled' });
    await booking.requestEventCancellation(scope, 's1', 'Pat is ill; see you next month.');
    await booking.requestEventCancellation(scope, 's1', 'again');
    await booking.requestAttendeeSync(scope, 's1');
    expect(w.calls.slice(2)).toEqual([{ op: 'cancel', comment: 'Pat is ill; see you next month.' }]);

    w.sessions.set(
      's2',
      session({
        id: 's2',
        status: 'cancelled',
        calendar: { ownerId: 'p1', transactionId: 's2', eventId: null, joinUrl: null },
      }),
    );
    await booking.requestEventCancellation(scope, 's2', 'never mind');
    expect(w.calls).toHaveLength(3);
  });

  it("cancels with the message stored on the session when the cancellation's own request was lost", async () => {
    const w = world();
    const booking = w.booking('h1');
    w.registrations.push(registration('a'));
    await booking.requestAttendeeSync(scope, 's1');
    const cancellation = { at, byUserId: 'o1', message: 'Moved to next quarter.' };
    w.sessions.set('s1', { ...w.sessions.get('s1')!, status: 'cancelled', cancellation });
    // The process died before requestEventCancellation; the next change to the session still reaches Outlook.
    await booking.requestAttendeeSync(scope, 's1');
    expect(w.calls.at(-1)).toEqual({ op: 'cancel', comment: 'Moved to next quarter.' });
  });

  it('cancels an event whose creation was attempted but never recorded, found again by its transactionId', async () => {
    const w = world();
    const booking = w.booking('h1');
    w.failWith((op) => (op === 'create' ? graphDown() : null));
    await booking.tryNow(w.sessions.get('s1')!);
    w.failWith(null);
    w.sessions.set('s1', { ...w.sessions.get('s1')!, status: 'cancelled' });
    await booking.requestEventCancellation(scope, 's1', 'Cancelled.');
    expect(w.ops()).toEqual(['create', 'create', 'cancel']);
    expect(w.outlookEvents.size).toBe(1);
  });

  it('keeps an intent whose session was never stored from booking anything', async () => {
    const w = world();
    await w.booking('h1').requestAttendeeSync(scope, 'never-stored');
    expect(w.calls).toEqual([]);
    expect([...w.outbox.items.values()].map((item) => item.status)).toEqual(['done']);
  });

  it('retries a Graph outage with backoff, then delivers each invitation exactly once', async () => {
    const w = world();
    const booking = w.booking('h1');
    await booking.tryNow(w.sessions.get('s1')!);
    w.failWith(() => graphDown());
    w.registrations.push(registration('a'));
    await booking.requestAttendeeSync(scope, 's1');
    await booking.processPending(10);
    w.registrations.push(registration('b'));
    await booking.requestAttendeeSync(scope, 's1');
    expect(w.registrations.map((r) => r.invite)).toEqual(['pending', 'pending']);
    w.failWith(null);
    expect(await booking.processPending(10)).toMatchObject({ sessionsSynced: 0 });
    w.advance(5_000);
    expect(await booking.processPending(10)).toMatchObject({ sessionsSynced: 1 });
    expect(w.calls.slice(1)).toEqual([{ op: 'attendees', attendees: ['a@x.test', 'b@x.test'] }]);
    expect(w.registrations.map((r) => r.invite)).toEqual(['sent', 'sent']);
  });
});

describe('mail through the outbox', () => {
  const message: OutgoingMail = {
    fromUserId: 'p1',
    to: [{ email: 'boss@x.test' }],
    subject: 'Approve?',
    body: { contentType: 'html', content: '<p>?</p>' },
  };

  it('sends a mail once per idempotency key, tagged with the key', async () => {
    const w = world();
    const booking = w.booking('h1');
    await booking.requestMail(scope, message, 'approval-request:r1');
    await booking.requestMail(scope, message, 'approval-request:r1');
    expect(w.mails).toEqual([
      { ...message, headers: { 'x-campus-idempotency-key': 't1:mail:approval-request:r1' } },
    ]);
  });

  it('retries a mail Graph did not take, and sends again one whose sending was interrupted (at least once)', async () => {
    const w = world();
    const booking = w.booking('h1');
    w.failWith((op) => (op === 'mail' ? graphDown() : null));
    await booking.requestMail(scope, message, 'k1');
    const item = w.outbox.items.get('t1:mail:k1')!;
    expect(item).toMatchObject({ status: 'pending', attempts: 1 });
    // A process that died inside sendMail leaves 'sending'; whether Graph took it is unknown.
    item.status = 'sending';
    w.failWith(null);
    await booking.processPending(10);
    expect(w.mails).toHaveLength(1);
    expect(w.outbox.items.get('t1:mail:k1')).toMatchObject({ status: 'done' });
  });
});
