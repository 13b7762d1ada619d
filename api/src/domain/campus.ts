import { createApprovals, type ApprovalPorts, type Approvals } from './approvals/create-approvals.js';
import { createRegistrationDecisions } from './approvals/registration-decisions.js';
import {
  createBookSessionEvent,
  type BookSessionEvent,
  type BookingLogger,
} from './calendar/book-session-event.js';
import type { CalendarGateway } from './calendar/calendar-gateway.js';
import type { OutboxStore } from './outbox/outbox.js';
import type { MailGateway } from './outbox/outgoing-mail.js';
import type { PeopleDirectory } from './people/person.js';
import { searchPresenters } from './people/search-presenters.js';
import { approvalsWithinCampus, type ApprovalRequests } from './registrations/approval-requests.js';
import {
  cancelMyRegistration,
  cancelRegistration,
  cancelRegistrationAs,
} from './registrations/cancel-registration.js';
import { decideApproval, type ApprovalDecision, type Decider } from './registrations/decide-approval.js';
import { listMySessions } from './registrations/list-my-sessions.js';
import {
  getRegistration,
  getRegistrationHistory,
  listSessionRegistrations,
} from './registrations/list-session-registrations.js';
import { markAttendance } from './registrations/mark-attendance.js';
import { createStoredNotifier, type NotificationStore, type Notifier } from './registrations/notifier.js';
import { processRegistrationWork } from './registrations/process-registration-work.js';
import { registerForSession } from './registrations/register-for-session.js';
import {
  arriveNow,
  createArrivalCounter,
  createWaitlistPositions,
  type RegistrationDeps,
} from './registrations/registration-flow.js';
import type {
  ChangedBy,
  LeaseStore,
  RegistrationHistory,
  RegistrationRepository,
  SeatLedger,
} from './registrations/registration.js';
import { cancelSession } from './sessions/cancel-session.js';
import { createSession, type NewSession } from './sessions/create-session.js';
import { getSession, listSessions } from './sessions/list-sessions.js';
import { updateSession, type SessionEdit } from './sessions/update-session.js';
import type { SessionRepository } from './sessions/session.js';
import { createAdmission } from './shared/admission.js';
import { shareFreshReads } from './shared/fresh-reads.js';
import type { Actor, Clock, IdGenerator, TenantScope } from './shared/tenant-scope.js';

/** Everything the domain needs from the outside world. */
export interface CampusPorts {
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  /** Append-only record of every registration change; its unique index decides racing changes. */
  registrationHistory: RegistrationHistory;
  notifications: NotificationStore;
  /** Who approves registrations for sessions that need it; until wired, decisions come only through decideApproval. */
  approvals?: ApprovalRequests;
  /** Supervisor approval by mail (Outlook actionable message) and Teams; when given, it answers `approvals`. */
  approval?: ApprovalPorts;
  /** Tells people about their registrations; defaults to notifications kept in the store for the tab. */
  notifier?: Notifier;
  seats: SeatLedger;
  leases: LeaseStore;
  outbox: OutboxStore;
  people: PeopleDirectory;
  calendar: CalendarGateway;
  mail: MailGateway;
  clock: Clock;
  ids: IdGenerator;
  /** Names this process as a lease holder. */
  holderId: string;
  logger: BookingLogger;
}

/**
 * The session and seat reads every registration makes, shared among concurrent requests (see shareFreshReads): a
 * burst of a thousand registrations for one session reads the session, its overlaps and its seats a handful of
 * times instead of once each, and no request sees data older than its own read would have.
 */
function withSharedReads(ports: CampusPorts): CampusPorts {
  const { sessions, seats } = ports;
  const key = (scope: TenantScope, ...parts: string[]) => [scope.tenantId, ...parts].join('\n');
  return {
    ...ports,
    sessions: {
      ...sessions,
      findById: shareFreshReads((scope, id) => key(scope, id), sessions.findById),
      listOverlapping: shareFreshReads(
        (scope, startsAt, endsAt) => key(scope, startsAt.toISOString(), endsAt.toISOString()),
        sessions.listOverlapping,
      ),
    },
    seats: {
      ...seats,
      occupancy: shareFreshReads((scope, sessionId) => key(scope, sessionId), seats.occupancy),
      countTaken: shareFreshReads((scope, sessionIds) => key(scope, ...sessionIds), seats.countTaken),
    },
  };
}

/**
 * Registrations one process places at once; later ones wait in arrival order (see createAdmission), so in a burst
 * most people get their answer well before the last one does. Not fewer: the requests under way share their reads
 * of the session, its seats and its waitlist, and at 16 at once a 1,000-person burst ran four times slower.
 */
const REGISTRATIONS_AT_ONCE = 100;

/** The use cases, bound to their ports once, for the HTTP routes, the bot and the workers. */
export function createCampus(givenPorts: CampusPorts) {
  const ports = withSharedReads(givenPorts);
  const bookSessionEvent: BookSessionEvent = createBookSessionEvent(ports);
  const withBooking = { ...ports, bookSessionEvent };
  const registering: RegistrationDeps = {
    ...withBooking,
    history: ports.registrationHistory,
    approvals: ports.approvals ?? approvalsWithinCampus,
    notifier: ports.notifier ?? createStoredNotifier(ports.notifications, ports.clock),
    arrivals: createArrivalCounter(),
    positions: createWaitlistPositions(ports.registrations),
  };
  const admitRegistration = createAdmission(REGISTRATIONS_AT_ONCE);
  const approvals: Approvals | null = ports.approval
    ? createApprovals({
        ...ports.approval,
        messenger: ports.approval.createMessenger(bookSessionEvent),
        registrationDecisions: createRegistrationDecisions(registering),
        clock: ports.clock,
        ids: ports.ids,
        logger: ports.logger,
      })
    : null;
  if (approvals && !ports.approvals) registering.approvals = approvals.requests;
  return {
    createSession: (actor: Actor, input: NewSession) => createSession(withBooking, actor, input),
    listSessions: (actor: Actor, page: { limit: number; cursor: string | null }) =>
      listSessions(ports, actor, page),
    getSession: (actor: Actor, sessionId: string) => getSession(ports, actor, sessionId),
    updateSession: (actor: Actor, sessionId: string, edit: SessionEdit) =>
      updateSession(registering, actor, sessionId, edit),
    cancelSession: (actor: Actor, sessionId: string, message: string) =>
      cancelSession(registering, actor, sessionId, message),
    registerForSession: (actor: Actor, sessionId: string) => {
      const arrival = arriveNow(registering);
      return admitRegistration(() => registerForSession(registering, actor, sessionId, arrival));
    },
    cancelMyRegistration: (actor: Actor, sessionId: string) =>
      cancelMyRegistration(registering, actor, sessionId),
    cancelRegistrationAs: (actor: Actor, registrationId: string, reason: string | null) =>
      cancelRegistrationAs(registering, actor, registrationId, reason),
    /** For the approval feature: a supervisor (already checked as the approver) or Campus cancels a registration. */
    cancelRegistration: (scope: TenantScope, registrationId: string, by: ChangedBy, reason: string | null) =>
      cancelRegistration(registering, scope, registrationId, by, { reason }),
    /** For the approval feature, after it has checked that the decider is the approver or their delegate. */
    decideApproval: (
      decider: Decider,
      registrationId: string,
      decision: ApprovalDecision,
      comment: string | null,
    ) => decideApproval(registering, decider, registrationId, decision, comment),
    markAttendance: (actor: Actor, sessionId: string, userId: string, attended: boolean) =>
      markAttendance(registering, actor, sessionId, userId, attended),
    listSessionRegistrations: (actor: Actor, sessionId: string) =>
      listSessionRegistrations(registering, actor, sessionId),
    getRegistration: (actor: Actor, registrationId: string) =>
      getRegistration(registering, actor, registrationId),
    getRegistrationHistory: (actor: Actor, registrationId: string) =>
      getRegistrationHistory(registering, actor, registrationId),
    listMySessions: (actor: Actor) => listMySessions(registering, actor),
    listMyNotifications: (actor: Actor, limit: number) =>
      ports.notifications.listByUser(actor, actor.userId, limit),
    processPendingRegistrationWork: (limit: number) => processRegistrationWork(registering, limit),
    searchPresenters: (actor: Actor, text: string, limit: number) =>
      searchPresenters(ports.people, actor, text, limit),
    processPendingCalendarWork: (limit: number) => bookSessionEvent.processPending(limit),
    /** Supervisor approval (list, decide, settings, the worker's pass), or null when not wired. */
    approvals,
    /** Resolves once no Outlook delivery of this process runs in background (before closing the store). */
    calendarIdle: () => bookSessionEvent.idle(),
  };
}

export type Campus = ReturnType<typeof createCampus>;
