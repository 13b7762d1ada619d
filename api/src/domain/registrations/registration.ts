import type { TenantScope } from '../shared/tenant-scope.js';
import type { RegistrationStatus } from './registration-states.js';

export type { RegistrationStatus } from './registration-states.js';

/**
 * Whether the person is on the session's Outlook event as Campus last wrote its attendee list: 'sent' yes, 'pending'
 * no. Kept by the calendar booking; a registration whose state disagrees with it implies an attendee sync still owed
 * (see owesInvite and owesWithdrawal), which the calendar worker finds even when a crash lost the sync's request.
 */
export type InviteState = 'pending' | 'sent';

/** States whose person stays on the Outlook event: confirmed, and those recorded once the session started. */
const ON_EVENT: ReadonlySet<RegistrationStatus> = new Set(['confirmed', 'attended', 'noShow']);

/** Confirmed but not yet on the Outlook event. */
export function owesInvite(registration: Pick<Registration, 'status' | 'invite'>): boolean {
  return registration.status === 'confirmed' && registration.invite !== 'sent';
}

/** No longer confirmed (cancelled, or registering again) but still on the Outlook event. */
export function owesWithdrawal(registration: Pick<Registration, 'status' | 'invite'>): boolean {
  return registration.invite === 'sent' && !ON_EVENT.has(registration.status);
}

/** The statuses owesWithdrawal leaves alone, for stores that filter by them. */
export const STATUSES_ON_EVENT: readonly RegistrationStatus[] = [...ON_EVENT];

/** Who made a change: a person in one of their roles, or Campus itself (promotion, expiry, settling after a crash). */
export interface ChangedBy {
  userId: string | null;
  role: 'employee' | 'organizer' | 'supervisor' | 'system';
}

/**
 * When the registration's current request reached the server: the clock, then a per-process counter for requests
 * of the same millisecond, then the id. The waitlist is served in this order.
 */
export interface Arrival {
  at: Date;
  seq: number;
}

export interface Registration {
  id: string;
  tenantId: string;
  sessionId: string;
  userId: string;
  displayName: string;
  mail: string;
  status: RegistrationStatus;
  /** The seat number held (1..capacity) in a seat-holding state, else null. */
  seat: number | null;
  invite: InviteState;
  arrival: Arrival;
  /** Who cancelled (or declined) it, while it is cancelled or declined. */
  closedBy: ChangedBy | null;
  /** Number of changes so far; change n + 1 is decided by inserting history entry n + 1 (see RegistrationHistory). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One change of a registration, as the history keeps it; `state` is what the registration looks like after it. */
export interface RegistrationChange {
  tenantId: string;
  sessionId: string;
  registrationId: string;
  userId: string;
  version: number;
  from: RegistrationStatus | null;
  to: RegistrationStatus;
  at: Date;
  by: ChangedBy;
  /** Why, in words: an organizer's message, a supervisor's comment, 'seat freed', 'approval expired'. */
  reason: string | null;
  state: Pick<Registration, 'status' | 'seat' | 'arrival' | 'closedBy'>;
}

export type InsertOutcome = 'inserted' | 'duplicate';

/**
 * Registrations. Lookups go by id (see registrationIdFor): the one query every store answers from its primary key.
 * The lists scan on FerretDB, so they serve pages and passes, not every request.
 */
export interface RegistrationRepository {
  /** Inserts unless this user already has a registration for this session (its id, and a unique index, decide). */
  insert(registration: Registration): Promise<InsertOutcome>;
  findById(scope: TenantScope, registrationId: string): Promise<Registration | null>;
  listBySession(scope: TenantScope, sessionId: string): Promise<Registration[]>;
  listByUser(scope: TenantScope, userId: string): Promise<Registration[]>;
  /** The session's waitlist, by arrival; at most `limit`. */
  listWaitlisted(scope: TenantScope, sessionId: string, limit: number): Promise<Registration[]>;
  /**
   * Brings the stored registration in line with a change already recorded in the history. Skips a change older
   * than the stored version; repeating it changes nothing. Not atomic against a concurrent newer write: callers look
   * for a newer history entry afterwards and apply it (see changeRegistration), so the stored copy converges.
   */
  applyChange(scope: TenantScope, change: RegistrationChange): Promise<void>;
  /** Registrations left in a passing state (requested, promoted, approved) since before `before`, across tenants. */
  listUnsettled(before: Date, limit: number): Promise<Registration[]>;
  /** Records these registrations as on ('sent') or off ('pending') the Outlook event, after Graph has the list. */
  markInvites(scope: TenantScope, registrationIds: string[], invite: InviteState): Promise<void>;
  /** Sessions, across tenants, with a registration that owes an invitation or its withdrawal (owesInvite, owesWithdrawal). */
  listSessionsWithPendingInvites(limit: number): Promise<Array<{ tenantId: string; sessionId: string }>>;
}

/**
 * The append-only record of every change. Entry n of a registration can be inserted once (a unique index on
 * registration and version), so of two changes racing from version n - 1 exactly one happens: this is what keeps a
 * registration's state machine exact on FerretDB, whose conditional updates are not atomic under concurrency.
 */
export interface RegistrationHistory {
  /** 'conflict' when entry `change.version` already exists: someone else changed the registration first. */
  append(change: RegistrationChange): Promise<'appended' | 'conflict'>;
  /** Entry `version` of the registration, if it exists (a lookup by key). */
  find(scope: TenantScope, registrationId: string, version: number): Promise<RegistrationChange | null>;
  /** Entries 1..throughVersion that exist, oldest first. */
  listByRegistration(
    scope: TenantScope,
    registrationId: string,
    throughVersion: number,
  ): Promise<RegistrationChange[]>;
}

/**
 * Seats are rows in a unique index (tenant, session, seat number): a seat is held by whoever inserts it first.
 * This keeps capacity exact on FerretDB, whose conditional updates are not atomic under concurrency.
 */
export interface SeatLedger {
  /**
   * Claims the lowest free seat from 1 to capacity for the registration; null when all are taken.
   * Idempotent per registration: a second claim returns the seat it already holds.
   */
  claim(
    scope: TenantScope,
    sessionId: string,
    capacity: number,
    registrationId: string,
  ): Promise<number | null>;
  /** Gives back the registration's seat, if it holds one. */
  release(scope: TenantScope, sessionId: string, registrationId: string): Promise<void>;
  /** Seats held by registrations (not those blocked by a capacity change), per session. */
  countTaken(scope: TenantScope, sessionIds: string[]): Promise<Map<string, number>>;
  /** Seats taken, and whether people wait for one: one read of the session's few seat rows. */
  occupancy(scope: TenantScope, sessionId: string): Promise<{ taken: number; queued: boolean }>;
  /**
   * Notes that someone waits, so newcomers queue behind them without reading the waitlist. Best effort, not an
   * invariant: the promotion pass serves the queue in order and clears the note when nobody waits any more.
   */
  markQueued(scope: TenantScope, sessionId: string): Promise<void>;
  clearQueued(scope: TenantScope, sessionId: string): Promise<void>;
  /** Who holds which seat, since when. */
  listHolders(
    scope: TenantScope,
    sessionId: string,
  ): Promise<Array<{ seat: number; registrationId: string; claimedAt: Date }>>;
  /**
   * Makes seats 1..to the session's seats (from `from`). Shrinking blocks the free seats above `to` and moves
   * holders of seats above `to` to free seats below; it is refused, changing nothing, when more than `to` seats are held.
   */
  resize(
    scope: TenantScope,
    sessionId: string,
    from: number,
    to: number,
  ): Promise<{ resized: true } | { resized: false; taken: number }>;
}

/**
 * A lease serializes work on one key across processes (attendee writes to one Outlook event, promotions of one
 * session's waitlist). Backed by an insert into a unique index; expires so a crashed holder does not block forever.
 */
export interface LeaseStore {
  tryAcquire(key: string, holder: string, ttlMs: number): Promise<boolean>;
  release(key: string, holder: string): Promise<void>;
}
