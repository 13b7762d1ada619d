import type { Registration } from '../registrations/registration.js';
import type { Session } from '../sessions/session.js';
import type { TenantScope } from '../shared/tenant-scope.js';
import type { ApprovalDecision, ApprovalPerson, ApprovalRequest, BusyPeriod } from './approval.js';
import type { ApprovalSummary } from './approval-summary.js';

/** The directory and calendars, as approvals read them (Microsoft Graph). */
export interface ApproverDirectory {
  /** The person's manager (Graph GET /users/{id}/manager), or null when the directory names none. */
  findManager(scope: TenantScope, userId: string): Promise<ApprovalPerson | null>;
  /** An active person of the directory, or null. */
  findPerson(scope: TenantScope, userId: string): Promise<ApprovalPerson | null>;
  /** The mailbox's time zone (IANA) and locale, each null when Graph does not say. */
  findMailbox(
    scope: TenantScope,
    userId: string,
  ): Promise<{ timeZone: string | null; locale: string | null }>;
  /** What is not free in the person's calendar between two instants (Graph POST /users/{id}/calendar/getSchedule). */
  findBusyPeriods(scope: TenantScope, person: ApprovalPerson, start: Date, end: Date): Promise<BusyPeriod[]>;
}

/** Someone asked to decide: the approver, or their delegate deciding on the approver's behalf. */
export interface DecisionRecipient {
  person: ApprovalPerson;
  /** The card as this person should see it: times in their zone, the signature for its buttons. */
  summary: ApprovalSummary;
  signature: string;
  kind: 'request' | 'reminder';
  /**
   * Whether to post the card in Teams too. The mail is always requested (its outbox key sends it once); the Teams
   * card is posted by the one caller that recorded this message in the notice log first.
   */
  postInTeams: boolean;
}

/**
 * Carries approval messages. Mail goes through the outbox (at least once, deduplicated by its key); Teams cards are
 * sent to people who have a conversation with the bot. Implementations must tolerate being asked again.
 */
export interface ApprovalMessenger {
  askToDecide(scope: TenantScope, request: ApprovalRequest, recipient: DecisionRecipient): Promise<void>;
  /** Tells the employee how their request ended. */
  tellEmployee(
    scope: TenantScope,
    request: ApprovalRequest,
    decision: ApprovalDecision,
    summary: ApprovalSummary,
  ): Promise<void>;
}

/**
 * Applies decisions to the registration (the registration lifecycle's decideApproval and a decline by Campus);
 * both are idempotent: applying the same decision again changes nothing.
 */
export interface RegistrationDecisions {
  decide(
    scope: TenantScope,
    registrationId: string,
    decision: 'approve' | 'decline',
    deciderId: string,
    comment: string | null,
  ): Promise<void>;
  /** Campus declines a request nobody answered in time: the seat goes to the next on the waitlist. */
  expire(scope: TenantScope, registrationId: string, reason: string): Promise<void>;
  /** Whether the registration still waits for this request's decision. */
  isAwaiting(scope: TenantScope, registrationId: string, round: number): Promise<boolean>;
  /**
   * Across tenants: registrations of open sessions that wait for approval since before `before`, with their
   * session, for the worker to ask again when a crash came between the registration's change and its request.
   */
  listAwaiting(before: Date, limit: number): Promise<Array<{ registration: Registration; session: Session }>>;
}

export interface ApprovalLogger {
  warn(details: object, message: string): void;
}
