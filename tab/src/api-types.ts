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

/** A targeting rule as the API reads it (docs/audiences.md): one key per object. */
export type AudienceRule =
  | { all: AudienceRule[] }
  | { any: AudienceRule[] }
  | { not: AudienceRule }
  | { department: { is: string[] } }
  | { officeLocation: { is: string[] } }
  | { city: { is: string[] } }
  | { country: { is: string[] } }
  | { employeeType: { is: string[] } }
  | { jobTitle: { equals: string } | { startsWith: string } | { contains: string } }
  | { manager: { under: string; scope?: 'anyDepth' | 'direct' } }
  | { group: { memberOf: string } }
  | { people: { include: string[] } | { exclude: string[] } }
  | { attendance: { notAttendedTopic: string } };

/** A saved, named audience. */
export interface AudienceView {
  id: string;
  name: string;
  description: string | null;
  rule: AudienceRule;
  createdBy: { id: string; displayName: string };
  createdAt: string;
  updatedAt: string;
}

/** One bucket of a preview breakdown; `other` adds up every value beyond the top ten. */
export interface BreakdownEntry {
  value: string | null;
  count: number;
  other: boolean;
}

/** Who a rule reaches now: how many, where, and a few of them. */
export interface AudiencePreview {
  total: number;
  byOffice: BreakdownEntry[];
  byDepartment: BreakdownEntry[];
  byTimeZone: BreakdownEntry[];
  sample: Array<Omit<Person, 'mail'>>;
  /** Clauses naming a person or group gone since the rule was saved (JSON pointers into the rule). */
  warnings: Array<{ field: string; message: string }>;
}

/** One ranked answer of the expert search, with why it matched. */
export interface Expert extends Person {
  score: number;
  matchedIn: Array<'skills' | 'responsibilities' | 'jobTitle' | 'aboutMe'>;
  matchingSkills: string[];
  exactSkill: boolean;
}
