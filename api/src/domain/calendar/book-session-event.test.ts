import { describe, expect, it } from 'vitest';
import type { LeaseStore, Registration, RegistrationRepository } from '../registrations/registration.js';
import type { Session, SessionRepository } from '../sessions/session.js';
import { createBookSessionEvent } from './book-session-event.js';
import type { CalendarGateway, EventAttendee } from './calendar-gateway.js';

const scope = { tenantId: 't1' };
const at = new Date('2030-01-01T10:00:00Z');

function session(): Session {
  return {
    id: 's1', tenantId: 't1', title: 'Excel macros', abstract: 'Record, then edit.',
    presenter: { id: 'p1', displayName: 'Pat', mail: 'pat@x.test' }, organizerId: 'o1',
    start: { dateTime: '2030-01-01T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2030-01-01T11:00:00', timeZone: 'UTC' },
    startsAt: at, endsAt: new Date(at.getTime() + 3_600_000), capacity: 10, online: true, location: null, status: 'scheduled',
    calendar: { ownerId: 'p1', transactionId: 's1', eventId: null, joinUrl: null }, createdAt: at, updatedAt: at,
  };
}

function registration(id: string): Registration {
  return { id, tenantId: 't1', sessionId: 's1', userId: `u-${id}`, displayName: id, mail: `${id}@x.test`, status: 'confirmed', seat: 1, invite: 'pending', createdAt: at, updatedAt: at };
}

/** In-memory ports with just the behaviour the booking needs; `onAttendeeWrite` runs inside Graph's call. */
function world() {
  const sessions = new Map([['s1', session()]]);
  const registrations: Registration[] = [];
  const leases = new Map<string, string>();
  const writes: EventAttendee[][] = [];
  let created = 0;
  let onAttendeeWrite: () => Promise<void> = async () => undefined;
  const calendar: CalendarGateway = {
    async createEvent() {
      created++;
      return { eventId: 'e1', joinUrl: 'https://teams.microsoft.com/l/meetup-join/e1' };
    },
    async replaceAttendees(_scope, _owner, _event, attendees) {
      writes.push(attendees);
      await onAttendeeWrite();
    },
    async updateEvent() {
      throw new Error('not expected in these tests');
    },
    async cancelEvent() {
      throw new Error('not expected in these tests');
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
      return [...sessions.values()].filter((s) => !s.calendar.eventId);
    },
  } as unknown as SessionRepository;
  const registrationRepository = {
    async listBySession() {
      return registrations.map((r) => ({ ...r }));
    },
    async markInvitesSent(_s: unknown, ids: string[]) {
      for (const r of registrations) if (ids.includes(r.id)) r.invite = 'sent';
    },
    async listSessionsWithPendingInvites() {
      return registrations.some((r) => r.invite === 'pending') ? [{ tenantId: 't1', sessionId: 's1' }] : [];
    },
  } as unknown as RegistrationRepository;
  const leaseStore: LeaseStore = {
    async tryAcquire(key, holder) {
      if (leases.has(key)) return false;
      leases.set(key, holder);
      return true;
    },
    async release(key, holder) {
      if (leases.get(key) === holder) leases.delete(key);
    },
  };
  const booking = (holderId: string) =>
    createBookSessionEvent({ calendar, mail: { sendMail: async () => undefined }, sessions: sessionRepository, registrations: registrationRepository, leases: leaseStore, holderId, logger: { warn: () => undefined } });
  return {
    registrations, writes, leases, booking,
    get created() {
      return created;
    },
    setOnAttendeeWrite(fn: () => Promise<void>) {
      onAttendeeWrite = fn;
    },
  };
}

describe('booking a session into Outlook', () => {
  it('creates the event once, sends the whole attendee list and marks the invitations sent', async () => {
    const w = world();
    w.registrations.push(registration('a'), registration('b'));
    await w.booking('h1').trySyncAttendees(scope, 's1');
    await w.booking('h1').trySyncAttendees(scope, 's1');
    expect(w.created).toBe(1);
    expect(w.writes.at(-1)).toEqual([{ email: 'a@x.test', name: 'a' }, { email: 'b@x.test', name: 'b' }]);
    expect(w.registrations.map((r) => r.invite)).toEqual(['sent', 'sent']);
  });

  it('leaves a registration that arrives during another holder\'s write to that holder, which sends it next', async () => {
    const w = world();
    w.registrations.push(registration('a'));
    const first = w.booking('h1');
    const second = w.booking('h2');
    let secondDone: Promise<void> = Promise.resolve();
    w.setOnAttendeeWrite(async () => {
      w.setOnAttendeeWrite(async () => undefined);
      // While h1 is inside Graph's call, b registers and h2 finds the event's lease taken.
      w.registrations.push(registration('b'));
      secondDone = second.trySyncAttendees(scope, 's1');
      await secondDone;
    });
    await first.trySyncAttendees(scope, 's1');
    await secondDone;
    expect(w.writes).toEqual([[{ email: 'a@x.test', name: 'a' }], [{ email: 'a@x.test', name: 'a' }, { email: 'b@x.test', name: 'b' }]]);
    expect(w.registrations.every((r) => r.invite === 'sent')).toBe(true);
    expect(w.leases.size).toBe(0);
  });

  it('does not write while another process holds the event\'s lease; the worker finishes later', async () => {
    const w = world();
    w.registrations.push(registration('a'));
    w.leases.set('event-attendees:t1:s1', 'someone-else');
    await w.booking('h1').trySyncAttendees(scope, 's1');
    expect(w.writes).toEqual([]);
    w.leases.clear();
    expect(await w.booking('h1').processPending(10)).toEqual({ eventsCreated: 1, sessionsSynced: 1 });
    expect(w.writes).toHaveLength(1);
  });
});
