import type { ZonedDateTime } from '../calendar/calendar-gateway.js';
import type { TenantScope } from '../shared/tenant-scope.js';

export type SessionStatus = 'scheduled' | 'cancelled';

/** Whether a registration needs the employee's supervisor to approve the time away: 'none' confirms at once. */
export type ApprovalPolicy = 'none' | 'supervisor';

/** A peer-learning session of the catalog. */
export interface Session {
  id: string;
  tenantId: string;
  title: string;
  abstract: string;
  presenter: { id: string; displayName: string; mail: string };
  organizerId: string;
  /** Wall-clock start and end in the session's time zone, as the organizer gave them. */
  start: ZonedDateTime;
  end: ZonedDateTime;
  /** The same instants in UTC, for ordering, overlap checks and "upcoming". */
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  online: boolean;
  location: string | null;
  status: SessionStatus;
  approval: ApprovalPolicy;
  /** Who cancelled the session, when, and what they told attendees; null while it is scheduled. */
  cancellation: { at: Date; byUserId: string; message: string } | null;
  /**
   * The session's Outlook event in the presenter's calendar; eventId is null until Graph has created it.
   * `pendingUpdate` is the id of the latest change Outlook must hear of (time, title, text, cancellation), stored with
   * that change and cleared once the event has it: a crash before the calendar request leaves the update implied.
   * Absent or null: Outlook has every change.
   */
  calendar: {
    ownerId: string;
    transactionId: string;
    eventId: string | null;
    joinUrl: string | null;
    pendingUpdate?: string | null;
  };
  createdAt: Date;
  updatedAt: Date;
}

export interface SessionPage {
  sessions: Session[];
  /** Opaque cursor for the next page, or null on the last page. */
  nextCursor: string | null;
}

export interface SessionRepository {
  insert(session: Session): Promise<void>;
  findById(scope: TenantScope, id: string): Promise<Session | null>;
  findByIds(scope: TenantScope, ids: string[]): Promise<Session[]>;
  /** Scheduled sessions ending after `from`, by start time, then id. */
  listUpcoming(
    scope: TenantScope,
    query: { from: Date; limit: number; cursor: string | null },
  ): Promise<SessionPage>;
  /** Sessions whose Outlook event does not exist yet (created before a crash or a Graph outage). */
  listAwaitingCalendarEvent(scope: TenantScope | null, limit: number): Promise<Session[]>;
  recordCalendarEvent(
    scope: TenantScope,
    id: string,
    event: { eventId: string; joinUrl: string | null },
  ): Promise<void>;
  /** Sets the given fields (an organizer's edit). */
  update(scope: TenantScope, id: string, changes: SessionChanges): Promise<void>;
  /** Marks the session cancelled, with `updateId` as the Outlook change still to make (see Session.calendar). */
  markCancelled(
    scope: TenantScope,
    id: string,
    cancellation: NonNullable<Session['cancellation']>,
    updateId: string,
  ): Promise<void>;
  /**
   * Sessions, scheduled or cancelled, starting after `from`, with a change Outlook has not had (calendar.pendingUpdate),
   * across tenants: the calendar worker's scan for updates whose request a crash prevented.
   */
  listPendingEventUpdates(from: Date, limit: number): Promise<Session[]>;
  /** Clears calendar.pendingUpdate once Outlook has the change, unless a newer change replaced `updateId` meanwhile. */
  clearPendingUpdate(scope: TenantScope, id: string, updateId: string): Promise<void>;
  /** Scheduled sessions whose time overlaps [startsAt, endsAt). */
  listOverlapping(scope: TenantScope, startsAt: Date, endsAt: Date): Promise<Session[]>;
  /** Scheduled sessions starting after `from`, soonest first, across tenants (the registration worker's pass). */
  listOpenAcrossTenants(from: Date, limit: number): Promise<Session[]>;
}

/** The fields an organizer may change after creating a session. */
export type SessionChanges = Partial<
  Pick<Session, 'title' | 'abstract' | 'start' | 'end' | 'startsAt' | 'endsAt' | 'capacity'>
> & {
  updatedAt: Date;
  /** Given with a change Outlook must hear of: stored as calendar.pendingUpdate in the same write. */
  pendingUpdate?: string;
};
