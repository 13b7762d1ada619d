import type { TenantScope } from '../shared/tenant-scope.js';

/**
 * resolving  the request exists; its approver is being found and asked (a crash here is resumed by the worker)
 * pending    the approver (or their delegate) has been asked and has not answered
 * approved, declined  decided by the approver, a delegate or a standing rule
 * expired    nobody answered before the session; Campus declined it and gave the seat back
 * withdrawn  the registration ended without a decision (the employee cancelled, the session was cancelled)
 */
export type ApprovalStatus = 'resolving' | 'pending' | 'approved' | 'declined' | 'expired' | 'withdrawn';

/** A person of the directory as approvals need them. */
export interface ApprovalPerson {
  id: string;
  displayName: string;
  mail: string;
}

/**
 * Who decides: the employee's manager in Graph when the request was made, or the session's organizer when the
 * directory names no manager (the top of the organization). Times on their card are in their mailbox's zone.
 */
export interface Approver extends ApprovalPerson {
  source: 'manager' | 'organizer';
  /** IANA zone of the approver's mailbox (Graph mailboxSettings), or the session's zone when unknown. */
  timeZone: string;
  /** BCP 47 locale of the approver's mailbox, for dates on their card. */
  locale: string;
}

/** A stretch of the employee's calendar that is not free, from Graph getSchedule. */
export interface BusyPeriod {
  start: Date;
  end: Date;
  status: 'tentative' | 'busy' | 'oof' | 'workingElsewhere';
}

/** Whether the session clashes with the employee's calendar, as Graph said when the request was made. */
export type CalendarClash =
  { state: 'free' } | { state: 'busy'; periods: BusyPeriod[] } | { state: 'unknown' };

/** Statuses of a request someone decided or could have decided (a withdrawal was nobody's decision). */
export const DECIDED_STATUSES: readonly ApprovalStatus[] = ['approved', 'declined', 'expired'];

export type DecisionOutcome = 'approved' | 'declined' | 'expired' | 'withdrawn';

/** How a decision was made: by the approver, by their delegate, by the approver's standing rule, or by Campus. */
export type DecisionVia = 'approver' | 'delegate' | 'rule' | 'expiry' | 'withdrawal';

/**
 * The one decision of a request. It exists because its insert won the unique index on the request: of a click,
 * a double click, a delegate's click and the expiry racing, exactly one decides; the others read this one.
 */
export interface ApprovalDecision {
  tenantId: string;
  approvalId: string;
  registrationId: string;
  outcome: DecisionOutcome;
  /**
   * The person who decided (null when Campus did), how, and their name as cards show it ("Megan Bowen", "Megan
   * Bowen's standing rule"). `ruleId` names the standing rule that approved.
   */
  decidedBy: { userId: string | null; name: string | null; via: DecisionVia; ruleId: string | null };
  comment: string | null;
  decidedAt: Date;
  /** False until the registration and the request reflect the decision (a crash in between is finished later). */
  applied: boolean;
}

/** One request for approval of one registration round. */
export interface ApprovalRequest {
  id: string;
  tenantId: string;
  registrationId: string;
  /** The registration's version when it became pendingApproval: registering again makes a new request. */
  round: number;
  /** The session as it was when approval was asked; `organizerId` decides when the directory names no manager. */
  session: { id: string; title: string; startsAt: Date; endsAt: Date; timeZone: string; organizerId: string };
  employee: ApprovalPerson;
  /** Null until resolved. */
  approver: Approver | null;
  status: ApprovalStatus;
  /** Hours the session takes the employee away from work (its duration). */
  hoursAway: number;
  clash: CalendarClash;
  requestedAt: Date;
  /** Two working days after the request in the approver's zone; null until resolved. */
  remindAt: Date | null;
  remindedAt: Date | null;
  /** After this nobody can decide and the worker declines the registration, freeing the seat. Signed on the card. */
  expiresAt: Date;
  decision: ApprovalDecision | null;
  updatedAt: Date;
}

export type ApprovalChanges = Partial<
  Pick<ApprovalRequest, 'approver' | 'status' | 'clash' | 'remindAt' | 'remindedAt' | 'decision'>
> & {
  updatedAt: Date;
};

/** Where a page of decided requests continues: after this decision, newest first. */
export interface DecidedCursor {
  decidedAt: Date;
  approvalId: string;
}

/** Decided requests of these approvers, or decided by this person (a delegate whose delegation has ended). */
export interface DecidedQuery {
  approverIds: string[];
  deciderId: string;
  after: DecidedCursor | null;
  limit: number;
}

/** Stores approval requests. */
export interface ApprovalStore {
  /** Inserts unless the registration already has a request for this round (a unique index decides). */
  insert(request: ApprovalRequest): Promise<'inserted' | 'duplicate'>;
  findById(scope: TenantScope, approvalId: string): Promise<ApprovalRequest | null>;
  findByRegistration(
    scope: TenantScope,
    registrationId: string,
    round: number,
  ): Promise<ApprovalRequest | null>;
  /** The registration's requests that are still open (resolving or pending), whatever the round. */
  listOpenByRegistration(scope: TenantScope, registrationId: string): Promise<ApprovalRequest[]>;
  update(scope: TenantScope, approvalId: string, changes: ApprovalChanges): Promise<void>;
  /** Pending requests whose approver is one of these people, soonest session first. */
  listPendingByApprovers(scope: TenantScope, approverIds: string[]): Promise<ApprovalRequest[]>;
  /** Approved, declined or expired requests the query selects, newest decision first (then by id, descending). */
  listDecided(scope: TenantScope, query: DecidedQuery): Promise<ApprovalRequest[]>;
  /** Across tenants: requests still resolving since before `before` (a crash cut them short). */
  listResolving(before: Date, limit: number): Promise<ApprovalRequest[]>;
  /** Across tenants: pending requests due for their reminder and not reminded yet. */
  listDueReminders(now: Date, limit: number): Promise<ApprovalRequest[]>;
  /** Across tenants: open requests whose expiry has passed. */
  listExpired(now: Date, limit: number): Promise<ApprovalRequest[]>;
}

/** Stores the one decision per request (see ApprovalDecision). */
export interface ApprovalDecisionStore {
  /** 'duplicate' when the request has a decision already: the caller reads that one. */
  insert(decision: ApprovalDecision): Promise<'inserted' | 'duplicate'>;
  find(scope: TenantScope, approvalId: string): Promise<ApprovalDecision | null>;
  markApplied(scope: TenantScope, approvalId: string): Promise<void>;
  /** Across tenants: decisions made before `before` that a crash left unapplied. */
  listUnapplied(before: Date, limit: number): Promise<ApprovalDecision[]>;
}

/**
 * Records that a one-off message was sent (a Teams card, a reminder). Its unique index lets exactly one of
 * several racing senders send it; a crash right after recording loses that message (the mail, sent through the
 * outbox with its own idempotency key, still goes).
 */
export interface ApprovalNoticeLog {
  /** True when this call recorded the key first. */
  record(scope: TenantScope, key: string, at: Date): Promise<boolean>;
}
