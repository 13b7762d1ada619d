import { createError } from '../../errors.js';
import type { ZonedDateTime } from '../calendar/calendar-gateway.js';
import { tryPromote } from '../registrations/promote-waitlisted.js';
import { findSession, requireOrganizer, type RegistrationDeps } from '../registrations/registration-flow.js';
import { isLive } from '../registrations/registration-states.js';
import type { Actor } from '../shared/tenant-scope.js';
import { withSeats, type SessionWithSeats } from './list-sessions.js';
import { checkCapacity, checkSchedule } from './session-rules.js';
import type { Session, SessionChanges } from './session.js';

/** What an organizer may change; absent fields stay as they are. */
export interface SessionEdit {
  title?: string;
  abstract?: string;
  start?: ZonedDateTime;
  end?: ZonedDateTime;
  capacity?: number;
}

/** How long one capacity change may hold the session's seats before another may start. */
const CAPACITY_LEASE_MS = 60_000;

function sameTime(a: ZonedDateTime, b: ZonedDateTime): boolean {
  return a.dateTime === b.dateTime && a.timeZone === b.timeZone;
}

/**
 * An organizer edits a scheduled session before it starts. A new time or title updates the Outlook event and
 * tells registrants of a new time; more seats promote from the waitlist; fewer seats than are taken is refused.
 */
export async function updateSession(
  deps: RegistrationDeps,
  actor: Actor,
  sessionId: string,
  edit: SessionEdit,
): Promise<SessionWithSeats> {
  requireOrganizer(actor, 'change sessions');
  const now = deps.clock.now();
  const session = await findSession(deps.sessions, actor, sessionId);
  if (session.status === 'cancelled')
    throw createError('CAMPUS_ERR_SESSION_NOT_OPEN', 'the session has been cancelled');
  if (session.startsAt <= now)
    throw createError('CAMPUS_ERR_SESSION_NOT_OPEN', 'the session has already started');

  const changes: SessionChanges = { updatedAt: now };
  if (edit.title !== undefined && edit.title.trim() !== session.title) changes.title = edit.title.trim();
  if (edit.abstract !== undefined && edit.abstract.trim() !== session.abstract)
    changes.abstract = edit.abstract.trim();
  const start = edit.start ?? session.start;
  const end = edit.end ?? session.end;
  const rescheduled = !sameTime(start, session.start) || !sameTime(end, session.end);
  if (rescheduled) Object.assign(changes, checkSchedule(start, end, now));
  const outlookChange = changes.title !== undefined || changes.abstract !== undefined || rescheduled;
  // Stored with the change itself, so the update Outlook needs survives a crash before the request below.
  if (outlookChange) changes.pendingUpdate = deps.ids.newId();
  const capacity = edit.capacity ?? session.capacity;
  if (capacity !== session.capacity) {
    checkCapacity(capacity);
    // Stored under the resize's lease, so a capacity change that follows starts from this one.
    await resizeSeats(deps, actor, sessionId, capacity);
  }
  await deps.sessions.update(actor, sessionId, changes);
  const { pendingUpdate: _stored, ...edited } = changes;
  const updated: Session = { ...session, ...edited, capacity };

  if (outlookChange) await deps.bookSessionEvent.requestEventUpdate(actor, sessionId);
  if (rescheduled) {
    for (const registration of await deps.registrations.listBySession(actor, sessionId)) {
      if (isLive(registration.status)) await deps.notifier.sessionRescheduled(actor, registration, updated);
    }
  }
  if (capacity > session.capacity) await tryPromote(deps, actor, sessionId);
  const [withCount] = await withSeats(deps.seats, actor, [
    (await deps.sessions.findById(actor, sessionId)) ?? updated,
  ]);
  return withCount!;
}

/** Resizes the seat ledger and stores the new capacity, one capacity change per session at a time. */
async function resizeSeats(
  deps: RegistrationDeps,
  actor: Actor,
  sessionId: string,
  capacity: number,
): Promise<void> {
  const key = `capacity:${actor.tenantId}:${sessionId}`;
  const holder = `${deps.holderId}#${deps.ids.newId()}`;
  if (!(await deps.leases.tryAcquire(key, holder, CAPACITY_LEASE_MS))) {
    throw createError(
      'CAMPUS_ERR_SESSION_BUSY',
      'another change to the capacity of this session is in progress; try again',
    );
  }
  try {
    // Read again under the lease: a change that finished just before ours moved the starting point.
    const current = await findSession(deps.sessions, actor, sessionId);
    const outcome = await deps.seats.resize(actor, sessionId, current.capacity, capacity);
    if (!outcome.resized) {
      throw createError(
        'CAMPUS_ERR_CAPACITY_BELOW_TAKEN',
        `${outcome.taken} seats are taken: the capacity cannot go below that`,
        {
          details: { field: '/capacity', seatsTaken: outcome.taken },
        },
      );
    }
    await deps.sessions.update(actor, sessionId, { capacity, updatedAt: deps.clock.now() });
  } finally {
    await deps.leases.release(key, holder);
  }
}
