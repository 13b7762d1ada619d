import type { TenantScope } from '../shared/tenant-scope.js';

/**
 * requested: the record exists and its seat is being claimed (a retry after a crash completes it);
 * confirmed: holds a seat; cancelled: gave it back.
 */
export type RegistrationStatus = 'requested' | 'confirmed' | 'cancelled';

/** Whether the attendee is on the session's Outlook event yet. */
export type InviteState = 'pending' | 'sent';

export interface Registration {
  id: string;
  tenantId: string;
  sessionId: string;
  userId: string;
  displayName: string;
  mail: string;
  status: RegistrationStatus;
  /** The seat number held (1..capacity), null while requested or after cancellation. */
  seat: number | null;
  invite: InviteState;
  createdAt: Date;
  updatedAt: Date;
}

export type InsertOutcome = 'inserted' | 'duplicate';

export interface RegistrationRepository {
  /** Inserts unless this user already has a registration for this session (a unique index decides). */
  insert(registration: Registration): Promise<InsertOutcome>;
  findByUser(scope: TenantScope, sessionId: string, userId: string): Promise<Registration | null>;
  listBySession(scope: TenantScope, sessionId: string): Promise<Registration[]>;
  listByUser(scope: TenantScope, userId: string): Promise<Registration[]>;
  confirm(scope: TenantScope, registrationId: string, seat: number, at: Date): Promise<void>;
  /** Removes a registration that could not get a seat, so the user may try again later. */
  delete(scope: TenantScope, registrationId: string): Promise<void>;
  /** Marks these registrations' invites as sent (after Graph has them on the event). */
  markInvitesSent(scope: TenantScope, registrationIds: string[]): Promise<void>;
  /** Sessions that have registrations whose invites are still pending. */
  listSessionsWithPendingInvites(limit: number): Promise<Array<{ tenantId: string; sessionId: string }>>;
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
  claim(scope: TenantScope, sessionId: string, capacity: number, registrationId: string): Promise<number | null>;
  release(scope: TenantScope, sessionId: string, seat: number): Promise<void>;
  countTaken(scope: TenantScope, sessionIds: string[]): Promise<Map<string, number>>;
}

/**
 * A lease serializes work on one key across processes (attendee writes to one Outlook event).
 * Backed by an insert into a unique index; expires so a crashed holder does not block forever.
 */
export interface LeaseStore {
  tryAcquire(key: string, holder: string, ttlMs: number): Promise<boolean>;
  release(key: string, holder: string): Promise<void>;
}
