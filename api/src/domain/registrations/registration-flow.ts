import { createError } from '../../errors.js';
import type { BookSessionEvent } from '../calendar/book-session-event.js';
import type { Session, SessionRepository } from '../sessions/session.js';
import { shareFreshReads } from '../shared/fresh-reads.js';
import type { Actor, IdGenerator, TenantScope } from '../shared/tenant-scope.js';
import type { ApprovalRequests } from './approval-requests.js';
import { changeRegistration, reloadRegistration, type ChangeDeps } from './change-registration.js';
import type { Notifier } from './notifier.js';
import { holdsSeat } from './registration-states.js';
import { registrationIdFor } from './registration-id.js';
import type {
  Arrival,
  ChangedBy,
  LeaseStore,
  Registration,
  RegistrationRepository,
  SeatLedger,
} from './registration.js';

/** Numbers requests that reach this process within one millisecond, in the order they arrived. */
export interface ArrivalCounter {
  next(): number;
}

export function createArrivalCounter(): ArrivalCounter {
  let last = 0;
  return { next: () => ++last };
}

/** A request's place in arrival order, taken when it reaches this process. */
export function arriveNow(deps: Pick<RegistrationDeps, 'clock' | 'arrivals'>): Arrival {
  return { at: deps.clock.now(), seq: deps.arrivals.next() };
}

/** Arrival order: the clock, then the per-process counter, then the id (requests of different processes in one millisecond). */
export function compareArrival(
  a: Pick<Registration, 'arrival' | 'id'>,
  b: Pick<Registration, 'arrival' | 'id'>,
): number {
  return (
    a.arrival.at.getTime() - b.arrival.at.getTime() ||
    a.arrival.seq - b.arrival.seq ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Waitlist places, read for many requests at once: see createWaitlistPositions. */
export interface WaitlistPositions {
  /** The registration's place on its session's waitlist, read after the call began; null when it is not waitlisted. */
  of(registration: Registration): Promise<number | null>;
}

/** More than any waitlist Campus keeps; a place beyond it reads as unknown. */
const WAITLIST_READ_LIMIT = 100_000;

/**
 * Reads waitlist places for many concurrent callers with few reads (see shareFreshReads): each caller's read starts
 * after it asked, so it sees its own registration. A burst of a thousand registrations costs a handful of waitlist
 * reads instead of one each.
 */
export function createWaitlistPositions(
  registrations: Pick<RegistrationRepository, 'listWaitlisted'>,
): WaitlistPositions {
  const readPlaces = shareFreshReads(
    (scope: TenantScope, sessionId: string) => `${scope.tenantId}\n${sessionId}`,
    async (scope: TenantScope, sessionId: string) => {
      const waitlist = await registrations.listWaitlisted(scope, sessionId, WAITLIST_READ_LIMIT);
      return new Map(waitlist.map((registration, index) => [registration.id, index + 1]));
    },
  );
  return {
    of: async (registration) =>
      (await readPlaces(registration, registration.sessionId)).get(registration.id) ?? null,
  };
}

export interface RegistrationLogger {
  warn(details: object, message: string): void;
}

/** What the registration use cases need. */
export interface RegistrationDeps extends ChangeDeps {
  sessions: SessionRepository;
  seats: SeatLedger;
  leases: LeaseStore;
  bookSessionEvent: Pick<
    BookSessionEvent,
    'requestAttendeeSync' | 'requestEventUpdate' | 'requestEventCancellation'
  >;
  approvals: ApprovalRequests;
  notifier: Notifier;
  ids: IdGenerator;
  arrivals: ArrivalCounter;
  positions: WaitlistPositions;
  /** Names this process as a lease holder. */
  holderId: string;
  logger: RegistrationLogger;
}

export const bySystem: ChangedBy = { userId: null, role: 'system' };

export function describeError(error: unknown): object {
  return error instanceof Error
    ? { err: { message: error.message, code: (error as { code?: unknown }).code } }
    : { err: error };
}

export async function findSession(
  sessions: SessionRepository,
  scope: TenantScope,
  sessionId: string,
): Promise<Session> {
  const session = await sessions.findById(scope, sessionId);
  if (!session) throw createError('CAMPUS_ERR_SESSION_NOT_FOUND', `session '${sessionId}' does not exist`);
  return session;
}

export function requireOrganizer(actor: Actor, doing: string): void {
  if (!actor.roles.has('organizer'))
    throw createError('CAMPUS_ERR_FORBIDDEN', `only organizers can ${doing}`);
}

/** Finds a session that still takes registrations, or explains why not. */
export async function findOpenSession(
  sessions: SessionRepository,
  scope: TenantScope,
  sessionId: string,
  now: Date,
): Promise<Session> {
  const session = await findSession(sessions, scope, sessionId);
  if (session.status === 'cancelled')
    throw createError('CAMPUS_ERR_SESSION_NOT_OPEN', 'the session has been cancelled');
  if (session.startsAt <= now)
    throw createError('CAMPUS_ERR_SESSION_NOT_OPEN', 'the session has already started');
  return session;
}

export function isOpen(session: Session, now: Date): boolean {
  return session.status === 'scheduled' && session.startsAt > now;
}

/** The user's registration for a session, found by its derived id. */
export function findRegistrationOf(
  deps: Pick<RegistrationDeps, 'registrations'>,
  scope: TenantScope,
  sessionId: string,
  userId: string,
): Promise<Registration | null> {
  return deps.registrations.findById(scope, registrationIdFor(scope.tenantId, sessionId, userId));
}

/** Scheduled sessions other than this one whose time overlaps it. */
function listOthersOverlapping(
  deps: RegistrationDeps,
  scope: TenantScope,
  session: Session,
): Promise<Session[]> {
  return deps.sessions
    .listOverlapping(scope, session.startsAt, session.endsAt)
    .then((found) => found.filter((other) => other.id !== session.id));
}

/** The first of these sessions the user holds a seat in, if any. */
async function seatHeldIn(
  deps: RegistrationDeps,
  scope: TenantScope,
  userId: string,
  sessions: Session[],
): Promise<Session | null> {
  for (const other of sessions) {
    const registration = await findRegistrationOf(deps, scope, other.id, userId);
    if (registration && holdsSeat(registration.status)) return other;
  }
  return null;
}

/** Another session the user holds a seat in whose time overlaps this one's, if any. */
export async function findOverlap(
  deps: RegistrationDeps,
  scope: TenantScope,
  userId: string,
  session: Session,
): Promise<Session | null> {
  return seatHeldIn(deps, scope, userId, await listOthersOverlapping(deps, scope, session));
}

/** How long one registration may hold a person's schedule before another of theirs may go ahead (a crashed holder). */
const SCHEDULE_LEASE_MS = 30_000;
/** How long a registration waits for the same person's registration to an overlapping session to finish. */
const SCHEDULE_WAIT_MS = 20_000;

/**
 * Places a registration unless the person holds a seat in an overlapping session. When overlapping sessions exist,
 * the check and the placement run under a lease on the person's schedule (an insert into a unique index, see
 * LeaseStore), so two registrations of one person to overlapping sessions happen one after the other: the second
 * sees the first's seat and is refused. Checking again after taking the seat would not do: when the earlier request
 * is overtaken, each can miss the other's seat or both can see it, and no rule on what each saw keeps exactly one.
 */
export async function placeWithoutOverlap<T>(
  deps: RegistrationDeps,
  actor: Actor,
  session: Session,
  place: () => Promise<T>,
): Promise<T> {
  const overlapping = await listOthersOverlapping(deps, actor, session);
  if (overlapping.length === 0) return place();
  const key = `schedule:${actor.tenantId}:${actor.userId}`;
  const holder = `${deps.holderId}#${deps.ids.newId()}`;
  await acquireWaiting(deps, key, holder);
  try {
    const conflict = await seatHeldIn(deps, actor, actor.userId, overlapping);
    if (conflict) throw scheduleConflict(conflict);
    return await place();
  } finally {
    await deps.leases.release(key, holder);
  }
}

async function acquireWaiting(deps: RegistrationDeps, key: string, holder: string): Promise<void> {
  const giveUpAt = Date.now() + SCHEDULE_WAIT_MS;
  for (let attempt = 0; !(await deps.leases.tryAcquire(key, holder, SCHEDULE_LEASE_MS)); attempt++) {
    if (Date.now() >= giveUpAt) {
      throw createError(
        'CAMPUS_ERR_SESSION_BUSY',
        'another registration of yours, for a session at the same time, is being made right now; try again',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(250, 20 * 2 ** attempt)));
  }
}

function scheduleConflict(other: Session): Error {
  return createError(
    'CAMPUS_ERR_SCHEDULE_CONFLICT',
    `the session overlaps “${other.title}” (${other.id}), which you are registered for`,
    {
      details: { sessionId: other.id },
    },
  );
}

/**
 * What follows a change, outside the registration itself: a seat given back, the approver asked or told to stand
 * down, the Outlook attendee list brought in line. Returns whether a seat was freed (the caller promotes next).
 */
export async function afterChange(
  deps: RegistrationDeps,
  before: Registration,
  after: Registration,
  session: Session,
  options: { syncCalendar?: boolean } = {},
): Promise<boolean> {
  const scope: TenantScope = after;
  let seatFreed = false;
  if (
    (after.status === 'cancelled' || after.status === 'declined') &&
    (holdsSeat(before.status) || before.status === 'requested')
  ) {
    await deps.seats.release(scope, session.id, after.id);
    seatFreed = true;
  }
  if (after.status === 'pendingApproval' && before.status !== 'pendingApproval') {
    await deps.approvals.requestApproval(scope, after, session).catch((error: unknown) => {
      deps.logger.warn(
        { registrationId: after.id, ...describeError(error) },
        'approval not requested yet; the registration stays pending',
      );
    });
  }
  if (before.status === 'pendingApproval' && after.status === 'cancelled') {
    await deps.approvals.withdraw(scope, after.id).catch((error: unknown) => {
      deps.logger.warn(
        { registrationId: after.id, ...describeError(error) },
        'approval request not withdrawn',
      );
    });
  }
  // A session being cancelled cancels its whole event instead: removing attendees first would mail them twice.
  if ((after.status === 'confirmed' || before.status === 'confirmed') && options.syncCalendar !== false) {
    await deps.bookSessionEvent.requestAttendeeSync(scope, session.id);
  }
  return seatFreed;
}

/** Where a registration goes once it holds a seat: straight in, or to the supervisor first. */
export function seatedStatus(session: Session): 'confirmed' | 'pendingApproval' {
  return session.approval === 'supervisor' ? 'pendingApproval' : 'confirmed';
}

/**
 * Takes a requested registration to its place: a seat (confirmed, or pendingApproval), or the waitlist. Nobody
 * jumps the queue: while anyone waits, a newcomer waits behind them and the promotion pass serves the queue in order.
 * Returns null when another request moved the registration on first.
 */
export async function placeRequested(
  deps: RegistrationDeps,
  registration: Registration,
  session: Session,
  by: ChangedBy,
): Promise<{ registration: Registration; position: number | null } | null> {
  const scope: TenantScope = registration;
  const { seat, queued } = await takeSeatUnlessQueued(deps, session, registration.id);
  const after = await changeRegistration(deps, registration, {
    to: seat === null ? 'waitlisted' : seatedStatus(session),
    by,
    seat,
  });
  if (!after) {
    const current = await reloadRegistration(deps, scope, registration.id);
    // The seat this attempt claimed is the winner's too (claims are per registration) unless the winner gave it up.
    if (seat !== null && (current?.status === 'cancelled' || current?.status === 'declined'))
      await deps.seats.release(scope, session.id, registration.id);
    return null;
  }
  return finishPlacement(deps, registration, after, session, queued);
}

/**
 * A seat for the registration, unless people already wait (nobody jumps the queue: the promotion pass serves it in
 * order) or none is free. `queued` says whether the session was already noted as having a queue.
 */
export async function takeSeatUnlessQueued(
  deps: RegistrationDeps,
  session: Session,
  registrationId: string,
): Promise<{ seat: number | null; queued: boolean }> {
  const { taken, queued } = await deps.seats.occupancy(session, session.id);
  const seat =
    queued || taken >= session.capacity
      ? null
      : await deps.seats.claim(session, session.id, session.capacity, registrationId);
  return { seat, queued };
}

/** After a registration took its place: what follows the change, and for the waitlist its note, place and notification. */
export async function finishPlacement(
  deps: RegistrationDeps,
  before: Registration,
  after: Registration,
  session: Session,
  queued: boolean,
): Promise<{ registration: Registration; position: number | null }> {
  await afterChange(deps, before, after, session);
  if (after.status !== 'waitlisted') return { registration: after, position: null };
  if (!queued) await deps.seats.markQueued(session, session.id);
  const position = await deps.positions.of(after);
  if (position !== null) await deps.notifier.registrationWaitlisted(after, after, session, position);
  return { registration: after, position };
}
