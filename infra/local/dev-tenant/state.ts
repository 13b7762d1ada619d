/**
 * The dev tenant's in-memory world: the seeded organization plus what Campus writes into it
 * (events, mail). Shapes follow Microsoft Graph v1.0 resource types so routes can answer with them directly.
 * Everything here is shared by the Graph route plugins (directory, calendar, mail, batch).
 */

/** Graph `user` (https://learn.microsoft.com/graph/api/resources/user), the properties Campus reads. */
export interface DirectoryUser {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  mail: string;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  city: string | null;
  country: string | null;
  usageLocation: string | null;
  employeeType: string | null;
  accountEnabled: boolean;
  preferredLanguage: string | null;
  skills: string[];
  responsibilities: string[];
  aboutMe: string | null;
  /** Manager's user id, or null at the top. Graph exposes it through /manager and $expand=manager. */
  managerId: string | null;
  /** Mailbox time zone (Windows or IANA name as Graph's mailboxSettings.timeZone returns it). */
  mailboxTimeZone: string;
}

/** Graph `group`, with direct members (users or groups) by id. */
export interface DirectoryGroup {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  mail: string | null;
  securityEnabled: boolean;
  mailEnabled: boolean;
  groupTypes: string[];
  memberIds: string[];
}

/** Graph `dateTimeTimeZone`. */
export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

export interface EventAttendee {
  type: 'required' | 'optional' | 'resource';
  emailAddress: { address: string; name?: string };
  status: { response: 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded'; time: string };
}

/** Graph `event` as stored in one mailbox (the organizer's copy or an attendee's copy). */
export interface CalendarEvent {
  id: string;
  /** The mailbox that holds this copy. */
  ownerId: string;
  iCalUId: string;
  transactionId: string | null;
  createdDateTime: string;
  lastModifiedDateTime: string;
  changeKey: string;
  subject: string;
  body: { contentType: 'text' | 'html'; content: string };
  bodyPreview: string;
  start: DateTimeTimeZone;
  end: DateTimeTimeZone;
  location: { displayName: string };
  attendees: EventAttendee[];
  organizer: { emailAddress: { address: string; name: string } };
  isOrganizer: boolean;
  isCancelled: boolean;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: 'unknown' | 'teamsForBusiness' | 'skypeForBusiness' | 'skypeForConsumer';
  onlineMeeting: { joinUrl: string } | null;
  showAs: 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
  responseRequested: boolean;
  allowNewTimeProposals: boolean;
  hideAttendees: boolean;
  webLink: string;
  /** Id of the organizer's event this attendee copy mirrors (null on the organizer's own copy). */
  seriesOrganizerEventId: string | null;
  /** The mailbox owner's answer (attendee copies after accept/decline/tentativelyAccept); absent means not answered. */
  responseStatus?: EventAttendee['status'];
}

/** One message a mailbox received or that the tenant sent on its behalf, readable by tests over /_dev. */
export interface SentMessage {
  id: string;
  kind: 'sendMail' | 'meetingRequest' | 'meetingUpdate' | 'meetingCancellation';
  fromUserId: string;
  toAddresses: string[];
  subject: string;
  body: { contentType: string; content: string };
  /** For meeting messages: the organizer's event id. */
  eventId: string | null;
  sentDateTime: string;
  /** The raw Graph message for sendMail (attachments, headers such as actionable-message cards). */
  raw: unknown;
}

export interface TenantState {
  tenantId: string;
  /** The verified domain of the tenant, e.g. contoso-dev.onmicrosoft.com. */
  domain: string;
  users: Map<string, DirectoryUser>;
  /** Lower-cased userPrincipalName and mail → id. */
  usersByUpn: Map<string, string>;
  groups: Map<string, DirectoryGroup>;
  /** Event id → event, across all mailboxes. */
  events: Map<string, CalendarEvent>;
  /** Every message sent, in order. */
  outbox: SentMessage[];
  /** Bumped on every directory change so /users/delta can tell what changed since a delta token. */
  directoryVersion: number;
  /** Per user id: the directoryVersion of its last change (for delta). Deleted users keep an entry in deletedUsers. */
  userChangedAt: Map<string, number>;
  deletedUsers: Map<string, number>;
}

/** Finds a user by object id or userPrincipalName (case-insensitive), as Graph's /users/{id | userPrincipalName}. */
export function findUser(state: TenantState, idOrUpn: string): DirectoryUser | undefined {
  return state.users.get(idOrUpn) ?? state.users.get(state.usersByUpn.get(idOrUpn.toLowerCase()) ?? '');
}
