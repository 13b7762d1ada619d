/** Wire types of the Campus API as the tab uses them (the API's TypeBox schemas are the source of truth). */

export type Role = 'employee' | 'organizer' | 'supervisor';

/** A wall-clock time in a named IANA zone, as Graph writes event times. */
export interface ZonedDateTime {
  /** Local time without offset, e.g. 2026-12-01T15:00:00. */
  dateTime: string;
  timeZone: string;
}

/** What GET /api/config returns: where and how the browser signs in. */
export interface ClientConfig {
  tenantId: string;
  clientId: string;
  /** https://login.example/{tenantId} — the OAuth endpoints sit under /oauth2/v2.0/. */
  authority: string;
  /** The delegated scope the API accepts, e.g. api://localhost/{clientId}/access_as_user. */
  apiScope: string;
}

/** The signed-in person. */
export interface Me {
  id: string;
  displayName: string;
  roles: Role[];
}

/** A person from the directory, for the presenter picker. */
export interface Person {
  id: string;
  displayName: string;
  mail: string | null;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
}

/** A session as the API shows it, with seats counted. */
export interface SessionView {
  id: string;
  title: string;
  abstract: string;
  presenter: { id: string; displayName: string; mail: string };
  start: ZonedDateTime;
  end: ZonedDateTime;
  /** UTC instants (ISO 8601) of start and end. */
  startsAt: string;
  endsAt: string;
  capacity: number;
  seatsTaken: number;
  seatsLeft: number;
  online: boolean;
  location: string | null;
  status: 'scheduled' | 'cancelled';
  joinUrl: string | null;
}

/** The caller's registration for one session. */
export interface RegistrationView {
  id: string;
  sessionId: string;
  /** requested: waiting for the supervisor; confirmed: a seat is held. */
  status: 'requested' | 'confirmed' | 'cancelled';
  seat: number | null;
  invite: 'pending' | 'sent';
  createdAt: string;
}

/** A page of the catalog. */
export interface SessionPage {
  sessions: SessionView[];
  nextCursor: string | null;
}

/** A session the caller registered for, with that registration. */
export interface MySession {
  session: SessionView;
  registration: RegistrationView;
}

/** Body of POST /api/sessions. */
export interface CreateSessionRequest {
  title: string;
  abstract: string;
  presenterId: string;
  start: ZonedDateTime;
  end: ZonedDateTime;
  capacity: number;
  online: boolean;
  location: string | null;
}
