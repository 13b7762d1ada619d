import type { Session } from '../sessions/session.js';
import type { TenantScope } from '../shared/tenant-scope.js';
import type { ChangedBy, Registration } from './registration.js';

/** Tells an employee what happened to their registration. Each call may repeat after a crash: implementations dedupe. */
export interface Notifier {
  registrationWaitlisted(scope: TenantScope, registration: Registration, session: Session, position: number): Promise<void>;
  /** A seat freed up and the registration took it (it is confirmed, or pendingApproval when the session needs approval). */
  registrationPromoted(scope: TenantScope, registration: Registration, session: Session): Promise<void>;
  /** Someone other than the employee cancelled it: an organizer, their supervisor, or Campus. */
  registrationCancelled(scope: TenantScope, registration: Registration, session: Session, by: ChangedBy, reason: string | null): Promise<void>;
  registrationDecided(scope: TenantScope, registration: Registration, session: Session, decision: 'approved' | 'declined', comment: string | null): Promise<void>;
  sessionRescheduled(scope: TenantScope, registration: Registration, session: Session): Promise<void>;
  sessionCancelled(scope: TenantScope, registration: Registration, session: Session, message: string): Promise<void>;
}

export type NotificationKind = 'waitlisted' | 'promoted' | 'cancelled' | 'approved' | 'declined' | 'rescheduled' | 'sessionCancelled';

/** A message for one person, as the Campus tab lists it. */
export interface Notification {
  /** Derived from what it reports (registration and version), so a repeated notification is stored once. */
  id: string;
  tenantId: string;
  userId: string;
  kind: NotificationKind;
  sessionId: string;
  registrationId: string;
  sessionTitle: string;
  message: string;
  createdAt: Date;
}

export interface NotificationStore {
  /** Stores the notification unless one with its id exists already. */
  insert(notification: Notification): Promise<void>;
  /** The user's notifications, newest first. */
  listByUser(scope: TenantScope, userId: string, limit: number): Promise<Notification[]>;
}

const byRole: Record<ChangedBy['role'], string> = {
  employee: 'you',
  organizer: 'an organizer',
  supervisor: 'your supervisor',
  system: 'Campus',
};

function withReason(text: string, reason: string | null): string {
  return reason ? `${text}: “${reason}”` : `${text}.`;
}

/** A Notifier that keeps each notification in the store, for GET /api/me/notifications (and later mail or Teams). */
export function createStoredNotifier(store: NotificationStore, clock: { now(): Date }): Notifier {
  async function save(registration: Registration, session: Session, kind: NotificationKind, key: string, message: string) {
    await store.insert({
      id: `${registration.id}:${key}`,
      tenantId: registration.tenantId,
      userId: registration.userId,
      kind,
      sessionId: session.id,
      registrationId: registration.id,
      sessionTitle: session.title,
      message,
      createdAt: clock.now(),
    });
  }
  const version = (registration: Registration) => `v${registration.version}`;

  return {
    registrationWaitlisted: (_scope, registration, session, position) =>
      save(registration, session, 'waitlisted', version(registration), `“${session.title}” is full. You are number ${position} on the waitlist; we will tell you when a seat frees up.`),
    registrationPromoted: (_scope, registration, session) =>
      save(
        registration,
        session,
        'promoted',
        version(registration),
        registration.status === 'pendingApproval'
          ? `A seat freed up in “${session.title}” and it is yours once your supervisor approves.`
          : `A seat freed up in “${session.title}”: you are in. The Outlook invitation is on its way.`,
      ),
    registrationCancelled: (_scope, registration, session, by, reason) =>
      save(registration, session, 'cancelled', version(registration), withReason(`Your registration for “${session.title}” was cancelled by ${byRole[by.role]}`, reason)),
    registrationDecided: (_scope, registration, session, decision, comment) =>
      save(
        registration,
        session,
        decision,
        version(registration),
        withReason(`Your supervisor ${decision} your registration for “${session.title}”`, comment),
      ),
    sessionRescheduled: (_scope, registration, session) =>
      save(registration, session, 'rescheduled', `rescheduled:${session.startsAt.toISOString()}:${session.endsAt.toISOString()}`, `“${session.title}” moved to ${session.start.dateTime} – ${session.end.dateTime} (${session.start.timeZone}).`),
    sessionCancelled: (_scope, registration, session, message) =>
      save(registration, session, 'sessionCancelled', version(registration), withReason(`“${session.title}” was cancelled`, message)),
  };
}
