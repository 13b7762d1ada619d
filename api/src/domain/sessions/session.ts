import type { ZonedDateTime } from '../calendar/calendar-gateway.js';
import type { TenantScope } from '../shared/tenant-scope.js';

export type SessionStatus = 'scheduled' | 'cancelled';

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
  /** The session's Outlook event in the presenter's calendar; eventId is null until Graph has created it. */
  calendar: { ownerId: string; transactionId: string; eventId: string | null; joinUrl: string | null };
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
  listUpcoming(scope: TenantScope, query: { from: Date; limit: number; cursor: string | null }): Promise<SessionPage>;
  /** Sessions whose Outlook event does not exist yet (created before a crash or a Graph outage). */
  listAwaitingCalendarEvent(scope: TenantScope | null, limit: number): Promise<Session[]>;
  recordCalendarEvent(scope: TenantScope, id: string, event: { eventId: string; joinUrl: string | null }): Promise<void>;
}
