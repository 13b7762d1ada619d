import { createError } from '../../errors.js';
import type { ZonedDateTime } from '../calendar/calendar-gateway.js';
import type { PeopleDirectory } from '../people/person.js';
import type { Actor, Clock, IdGenerator } from '../shared/tenant-scope.js';
import type { BookSessionEvent } from '../calendar/book-session-event.js';
import { checkCapacity, checkSchedule } from './session-rules.js';
import type { ApprovalPolicy, Session, SessionRepository } from './session.js';

export interface NewSession {
  title: string;
  abstract: string;
  presenterId: string;
  start: ZonedDateTime;
  end: ZonedDateTime;
  capacity: number;
  online: boolean;
  location: string | null;
  approval: ApprovalPolicy;
}

export interface CreateSessionDeps {
  sessions: SessionRepository;
  people: PeopleDirectory;
  bookSessionEvent: BookSessionEvent;
  clock: Clock;
  ids: IdGenerator;
}

/**
 * An organizer adds a session to the catalog. The session is stored first and its Outlook event is booked
 * right after; if Graph is down the calendar worker books it later (the transactionId keeps that idempotent).
 */
export async function createSession(deps: CreateSessionDeps, actor: Actor, input: NewSession): Promise<Session> {
  if (!actor.roles.has('organizer')) {
    throw createError('CAMPUS_ERR_FORBIDDEN', 'Only organizers can create sessions');
  }
  const now = deps.clock.now();
  const schedule = checkSchedule(input.start, input.end, now);
  checkCapacity(input.capacity);
  if (!input.online && !input.location) {
    throw createError('CAMPUS_ERR_VALIDATION', 'an in-person session needs a location', {
      details: { field: '/location' },
    });
  }
  const presenter = await deps.people.findById(actor, input.presenterId);
  if (!presenter) {
    throw createError('CAMPUS_ERR_UNKNOWN_PRESENTER', `presenterId '${input.presenterId}' is not an active person in the directory`, {
      details: { field: '/presenterId' },
    });
  }
  const id = deps.ids.newId();
  const session: Session = {
    id,
    tenantId: actor.tenantId,
    title: input.title.trim(),
    abstract: input.abstract.trim(),
    presenter: { id: presenter.id, displayName: presenter.displayName, mail: presenter.mail },
    organizerId: actor.userId,
    ...schedule,
    capacity: input.capacity,
    online: input.online,
    location: input.location?.trim() || null,
    status: 'scheduled',
    approval: input.approval,
    cancellation: null,
    calendar: { ownerId: presenter.id, transactionId: id, eventId: null, joinUrl: null },
    createdAt: now,
    updatedAt: now,
  };
  await deps.sessions.insert(session);
  return deps.bookSessionEvent.tryNow(session);
}
