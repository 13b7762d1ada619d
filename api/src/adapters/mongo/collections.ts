import type { Db } from 'mongodb';
import type { Registration } from '../../domain/registrations/registration.js';
import type { Session } from '../../domain/sessions/session.js';

/**
 * Stored form of a session; `_id` is the session id. Properties that came after the first sessions were stored
 * are optional: `approval` absent reads as 'none', `cancellation` absent as null.
 */
export type SessionDocument = Omit<Session, 'id' | 'approval' | 'cancellation'> & {
  _id: string;
  approval?: Session['approval'];
  cancellation?: Session['cancellation'];
};

/**
 * Stored form of a registration; `_id` is the registration id. Registrations stored before the waitlist existed
 * lack `arrival`, `closedBy` and `version`: they read as arriving at createdAt, closed by nobody, version 1.
 */
export type RegistrationDocument = Omit<Registration, 'id' | 'arrival' | 'closedBy' | 'version'> & {
  _id: string;
  arrival?: Registration['arrival'];
  closedBy?: Registration['closedBy'];
  version?: Registration['version'];
};

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
  teamsOutbox: 'teamsOutbox',
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
