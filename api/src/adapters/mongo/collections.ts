import type { Db } from 'mongodb';
import type { ApprovalPolicy, SessionStatus } from '../../domain/sessions/session.js';
import type {
  Arrival,
  ChangedBy,
  InviteState,
  RegistrationStatus,
} from '../../domain/registrations/registration.js';

/** Stored form of a session; `_id` is the session id. */
export interface SessionDocument {
  _id: string;
  tenantId: string;
  title: string;
  abstract: string;
  presenter: { id: string; displayName: string; mail: string };
  organizerId: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  online: boolean;
  location: string | null;
  status: SessionStatus;
  /** Absent on sessions stored before approval policies existed: read as 'none'. */
  approval?: ApprovalPolicy;
  cancellation?: { at: Date; byUserId: string; message: string } | null;
  calendar: { ownerId: string; transactionId: string; eventId: string | null; joinUrl: string | null };
  createdAt: Date;
  updatedAt: Date;
}

/** Stored form of a registration; `_id` is the registration id. */
export interface RegistrationDocument {
  _id: string;
  tenantId: string;
  sessionId: string;
  userId: string;
  displayName: string;
  mail: string;
  status: RegistrationStatus;
  seat: number | null;
  invite: InviteState;
  /** Absent on registrations stored before the waitlist existed: read as arriving at createdAt, version 1. */
  arrival?: Arrival;
  closedBy?: ChangedBy | null;
  version?: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One taken seat; it exists only because its insert won the unique index (tenant, session, seat). `_id` is the driver's. */
export interface SeatDocument {
  tenantId: string;
  sessionId: string;
  seat: number;
  registrationId: string;
  claimedAt: Date;
  /**
   * Absent for a seat held by a registration. 'blocked': a seat number above a reduced capacity, or one reserved
   * while holders move below it (registrationId `blocked:${sessionId}:${seat}`). 'moving': a holder's seat while it
   * moves (registrationId `moving:${registrationId}`). 'queue': seat 0, present while people wait for a seat.
   */
  kind?: 'blocked' | 'moving' | 'queue';
}

/**
 * One grant of a lease on a key. Grants of a key are numbered; `_id` is `${key}#${epoch}`, so of all who saw
 * grant n ended, exactly one can insert grant n + 1. A grant ends when it expires (release moves its expiry to now).
 */
export interface LeaseDocument {
  _id: string;
  key: string;
  epoch: number;
  holder: string;
  expiresAt: Date;
}

export const collectionNames = {
  sessions: 'sessions',
  registrations: 'registrations',
  seats: 'seats',
  leases: 'leases',
  registrationHistory: 'registrationHistory',
  notifications: 'notifications',
  outbox: 'outbox',
  outboxTargets: 'outboxTargets',
  approvalRequests: 'approvalRequests',
  approvalDecisions: 'approvalDecisions',
  approvalNotices: 'approvalNotices',
  approvalSettings: 'approvalSettings',
  teamsConversations: 'teamsConversations',
  directoryPeople: 'directoryPeople',
  directorySyncStates: 'directorySyncStates',
  directoryStaging: 'directoryStaging',
  directoryEnrichmentQueue: 'directoryEnrichmentQueue',
  audiences: 'audiences',
  audienceGroupMembers: 'audienceGroupMembers',
} as const;

/** The typed collections of the Campus database. */
export function collections(db: Db) {
  return {
    sessions: db.collection<SessionDocument>(collectionNames.sessions),
    registrations: db.collection<RegistrationDocument>(collectionNames.registrations),
    seats: db.collection<SeatDocument>(collectionNames.seats),
    leases: db.collection<LeaseDocument>(collectionNames.leases),
  };
}
