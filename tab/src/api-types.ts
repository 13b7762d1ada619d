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
  /** Supervisors who named this person their delegate, while the delegation is active. */
  approvesFor: Array<{ id: string; displayName: string | null; until: string | null }>;
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
  /** 'supervisor': each registration waits for the employee's supervisor. */
  approval: 'none' | 'supervisor';
  cancellation: { at: string; message: string } | null;
  joinUrl: string | null;
}

/** Where a registration stands (docs/registrations.md has the transitions). */
export type RegistrationStatus =
  | 'requested'
  | 'waitlisted'
  | 'promoted'
  | 'pendingApproval'
  | 'approved'
  | 'confirmed'
  | 'declined'
  | 'cancelled'
  | 'attended'
  | 'noShow';

/** Who made a change: the employee, an organizer, a supervisor, or Campus itself. */
export interface ChangedBy {
  userId: string | null;
  role: 'employee' | 'organizer' | 'supervisor' | 'system';
}

/** The caller's registration for one session. */
export interface RegistrationView {
  id: string;
  sessionId: string;
  status: RegistrationStatus;
  seat: number | null;
  /** Place on the waitlist (1 = next) while waitlisted. */
  waitlistPosition: number | null;
  invite: 'pending' | 'sent';
  /** Who cancelled or declined it. */
  closedBy: ChangedBy | null;
  /** While pendingApproval: who decides; null otherwise or while Campus is still finding the approver. */
  approval?: RegistrationApproval | null;
  createdAt: string;
  updatedAt: string;
}

/** Who a registration awaiting approval waits for: the approver, and a delegate who may decide in their name. */
export interface RegistrationApproval {
  approvalId: string;
  approver: { id: string; displayName: string };
  delegate: { id: string; displayName: string; until: string | null } | null;
}

/** One change of a registration, with who made it and why (a supervisor's comment on a decline). */
export interface RegistrationChange {
  version: number;
  from: RegistrationStatus | null;
  to: RegistrationStatus;
  at: string;
  by: ChangedBy;
  reason: string | null;
}

/** What happened to one of the caller's registrations, newest first in GET /api/me/notifications. */
export interface CampusNotification {
  id: string;
  kind:
    'waitlisted' | 'promoted' | 'cancelled' | 'approved' | 'declined' | 'rescheduled' | 'sessionCancelled';
  sessionId: string;
  registrationId: string;
  sessionTitle: string;
  message: string;
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

/** One page of a saved audience's members, in id order. */
export interface AudienceMemberPage {
  total: number;
  members: Array<Person & { mail: string; timeZone: string | null }>;
  nextCursor: string | null;
  warnings: AudiencePreview['warnings'];
}

/** An Entra group as the rule editor picks it. */
export interface GroupSummary {
  id: string;
  displayName: string;
  description: string | null;
}

/** A directory field whose known values the rule editor suggests. */
export type SuggestedField =
  'department' | 'jobTitle' | 'officeLocation' | 'city' | 'country' | 'employeeType';

/** A known value of a directory field, with the enabled people who have it now. */
export interface FieldValue {
  value: string;
  people: number;
}

/** One ranked answer of the expert search, with why it matched. */
export interface Expert extends Person {
  score: number;
  matchedIn: Array<'skills' | 'responsibilities' | 'jobTitle' | 'aboutMe'>;
  matchingSkills: string[];
  exactSkill: boolean;
}

/** A supervisor approval request as its approver (or their delegate) sees it; times are in the viewer's zone. */
export interface ApprovalView {
  id: string;
  status: 'resolving' | 'pending' | 'approved' | 'declined' | 'expired' | 'withdrawn';
  registrationId: string;
  session: { id: string; title: string; startsAt: string; endsAt: string; timeZone: string };
  employee: { id: string; displayName: string; mail: string };
  approver: { id: string; displayName: string } | null;
  /** The approver, when the viewer decides as their delegate. */
  onBehalfOf: { id: string; displayName: string } | null;
  when: { text: string; timeZone: string };
  hoursAway: number;
  hoursAwayText: string;
  clash: { state: 'free' | 'busy' | 'unknown'; text: string };
  requestedAt: string;
  expiresAt: string;
  expiresText: string;
  decision: {
    outcome: 'approved' | 'declined' | 'expired' | 'withdrawn';
    decidedAt: string;
    decidedBy: { userId: string | null; name: string | null; via: string };
    comment: string | null;
  } | null;
}

/** A supervisor's delegate and standing rules (GET/PUT /api/me/approval-settings). */
export interface ApprovalSettingsView {
  delegate: {
    userId: string;
    displayName: string;
    mail: string;
    until: string | null;
    active: boolean;
  } | null;
  rules: Array<{ id: string; maxHours: number }>;
  updatedAt: string;
}

/** Body of PUT /api/me/approval-settings: the settings replaced whole. */
export interface ApprovalSettingsRequest {
  delegate: { userId: string; until: string | null } | null;
  rules: Array<{ maxHours: number }>;
}
