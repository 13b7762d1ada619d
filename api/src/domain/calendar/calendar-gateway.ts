import type { TenantScope } from '../shared/tenant-scope.js';

/** A wall-clock time in a named time zone, as Outlook keeps it. */
export interface ZonedDateTime {
  /** Local date and time without offset, e.g. 2026-12-01T15:00:00. */
  dateTime: string;
  /** IANA time zone name, e.g. Europe/Paris. */
  timeZone: string;
}

export interface SessionEventDraft {
  /** Mailbox that owns the event: the presenter's. */
  ownerId: string;
  /** Makes creation idempotent: Graph returns the existing event when the same transactionId is sent again. */
  transactionId: string;
  subject: string;
  bodyHtml: string;
  start: ZonedDateTime;
  end: ZonedDateTime;
  online: boolean;
  location: string | null;
}

export interface CreatedEvent {
  eventId: string;
  /** Teams join URL when the event is an online meeting. */
  joinUrl: string | null;
}

export interface EventAttendee {
  email: string;
  name: string;
}

/** The fields of a session's event that a change of time, title or place rewrites. */
export type EventDetails = Omit<SessionEventDraft, 'ownerId' | 'transactionId'>;

/**
 * Writes session events into Outlook calendars (Microsoft Graph). Failures: CampusError
 * CAMPUS_ERR_GRAPH_UNAVAILABLE (503) when Graph stayed unavailable, with `details.retryAfterMs` when Graph said
 * when to come back; any other error means Graph refused the write.
 */
export interface CalendarGateway {
  createEvent(scope: TenantScope, draft: SessionEventDraft): Promise<CreatedEvent>;
  /**
   * Replaces the event's attendee list. The request carries only `attendees`, so Outlook sends invitations
   * to the attendees that changed and not to everyone again; callers serialize writes to one event.
   */
  replaceAttendees(scope: TenantScope, ownerId: string, eventId: string, attendees: EventAttendee[]): Promise<void>;
  /**
   * Rewrites the event's details and its whole attendee list in one PATCH. Because more than `attendees`
   * changes, Outlook sends the update to every attendee (and invitations or cancellations to those that changed).
   */
  updateEvent(scope: TenantScope, ownerId: string, eventId: string, details: EventDetails, attendees: EventAttendee[]): Promise<void>;
  /** Cancels the meeting: attendees get a cancellation carrying the comment, and the event leaves the calendar. */
  cancelEvent(scope: TenantScope, ownerId: string, eventId: string, comment: string): Promise<void>;
}
