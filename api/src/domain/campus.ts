import { createBookSessionEvent, type BookSessionEvent, type BookingLogger } from './calendar/book-session-event.js';
import type { CalendarGateway } from './calendar/calendar-gateway.js';
import type { OutboxStore } from './outbox/outbox.js';
import type { MailGateway } from './outbox/outgoing-mail.js';
import type { PeopleDirectory } from './people/person.js';
import { searchPresenters } from './people/search-presenters.js';
import { listMySessions } from './registrations/list-my-sessions.js';
import { registerForSession } from './registrations/register-for-session.js';
import type { LeaseStore, RegistrationRepository, SeatLedger } from './registrations/registration.js';
import { createSession, type NewSession } from './sessions/create-session.js';
import { getSession, listSessions } from './sessions/list-sessions.js';
import type { SessionRepository } from './sessions/session.js';
import type { Actor, Clock, IdGenerator } from './shared/tenant-scope.js';

/** Everything the domain needs from the outside world. */
export interface CampusPorts {
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  seats: SeatLedger;
  leases: LeaseStore;
  outbox: OutboxStore;
  people: PeopleDirectory;
  calendar: CalendarGateway;
  mail: MailGateway;
  clock: Clock;
  ids: IdGenerator;
  /** Names this process as a lease holder. */
  holderId: string;
  logger: BookingLogger;
}

/** The use cases, bound to their ports once, for the HTTP routes, the bot and the workers. */
export function createCampus(ports: CampusPorts) {
  const bookSessionEvent: BookSessionEvent = createBookSessionEvent(ports);
  const withBooking = { ...ports, bookSessionEvent };
  return {
    createSession: (actor: Actor, input: NewSession) => createSession(withBooking, actor, input),
    listSessions: (actor: Actor, page: { limit: number; cursor: string | null }) => listSessions(ports, actor, page),
    getSession: (actor: Actor, sessionId: string) => getSession(ports, actor, sessionId),
    registerForSession: (actor: Actor, sessionId: string) => registerForSession(withBooking, actor, sessionId),
    listMySessions: (actor: Actor) => listMySessions(ports, actor),
    searchPresenters: (actor: Actor, text: string, limit: number) => searchPresenters(ports.people, actor, text, limit),
    processPendingCalendarWork: (limit: number) => bookSessionEvent.processPending(limit),
    /** Resolves once no Outlook delivery of this process runs in background (before closing the store). */
    calendarIdle: () => bookSessionEvent.idle(),
  };
}

export type Campus = ReturnType<typeof createCampus>;
