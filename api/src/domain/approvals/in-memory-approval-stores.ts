import {
  DECIDED_STATUSES,
  type ApprovalDecision,
  type ApprovalDecisionStore,
  type ApprovalNoticeLog,
  type ApprovalRequest,
  type ApprovalStore,
  type DecidedCursor,
} from './approval.js';
import type { ApprovalSettings, ApprovalSettingsStore } from './approval-settings.js';

/** Approval stores in memory, with the same uniqueness rules as the MongoDB ones (for domain tests and demos). */
export function createInMemoryApprovalStores() {
  const requests = new Map<string, ApprovalRequest>();
  const decisions = new Map<string, ApprovalDecision>();
  const notices = new Set<string>();
  const settings = new Map<string, ApprovalSettings>();
  const key = (tenantId: string, id: string) => `${tenantId}:${id}`;
  const copy = <T>(value: T): T => structuredClone(value);
  const all = () => [...requests.values()];
  const open = (request: ApprovalRequest) => request.status === 'resolving' || request.status === 'pending';
  /** Newest decision first, then by id descending, as the MongoDB store sorts. */
  const newerFirst = (a: ApprovalRequest, b: ApprovalRequest) =>
    b.decision!.decidedAt.getTime() - a.decision!.decidedAt.getTime() ||
    (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  const olderThan = (request: ApprovalRequest, cursor: DecidedCursor | null) =>
    cursor === null ||
    request.decision!.decidedAt < cursor.decidedAt ||
    (request.decision!.decidedAt.getTime() === cursor.decidedAt.getTime() && request.id < cursor.approvalId);

  const approvals: ApprovalStore = {
    async insert(request) {
      if (
        all().some(
          (other) =>
            other.tenantId === request.tenantId &&
            other.registrationId === request.registrationId &&
            other.round === request.round,
        )
      )
        return 'duplicate';
      requests.set(key(request.tenantId, request.id), copy(request));
      return 'inserted';
    },
    async findById(scope, id) {
      const found = requests.get(key(scope.tenantId, id));
      return found ? copy(found) : null;
    },
    async findByRegistration(scope, registrationId, round) {
      const found = all().find(
        (request) =>
          request.tenantId === scope.tenantId &&
          request.registrationId === registrationId &&
          request.round === round,
      );
      return found ? copy(found) : null;
    },
    async listOpenByRegistration(scope, registrationId) {
      return all()
        .filter(
          (request) =>
            request.tenantId === scope.tenantId && request.registrationId === registrationId && open(request),
        )
        .map(copy);
    },
    async update(scope, id, changes) {
      const found = requests.get(key(scope.tenantId, id));
      if (found) requests.set(key(scope.tenantId, id), { ...found, ...copy(changes) });
    },
    async listPendingByApprovers(scope, approverIds) {
      const ids = new Set(approverIds.map((id) => id.toLowerCase()));
      return all()
        .filter(
          (request) =>
            request.tenantId === scope.tenantId &&
            request.status === 'pending' &&
            request.approver &&
            ids.has(request.approver.id.toLowerCase()),
        )
        .sort((a, b) => a.session.startsAt.getTime() - b.session.startsAt.getTime())
        .map(copy);
    },
    async listDecided(scope, query) {
      const approvers = new Set(query.approverIds.map((id) => id.toLowerCase()));
      return all()
        .filter(
          (request) =>
            request.tenantId === scope.tenantId &&
            DECIDED_STATUSES.includes(request.status) &&
            request.decision !== null &&
            ((request.approver !== null && approvers.has(request.approver.id.toLowerCase())) ||
              request.decision.decidedBy.userId?.toLowerCase() === query.deciderId.toLowerCase()) &&
            olderThan(request, query.after),
        )
        .sort(newerFirst)
        .slice(0, query.limit)
        .map(copy);
    },
    async listResolving(before, limit) {
      return all()
        .filter((request) => request.status === 'resolving' && request.requestedAt < before)
        .slice(0, limit)
        .map(copy);
    },
    async listDueReminders(now, limit) {
      return all()
        .filter(
          (request) =>
            request.status === 'pending' &&
            request.remindedAt === null &&
            request.remindAt !== null &&
            request.remindAt <= now &&
            request.expiresAt > now,
        )
        .slice(0, limit)
        .map(copy);
    },
    async listExpired(now, limit) {
      return all()
        .filter((request) => open(request) && request.expiresAt <= now)
        .slice(0, limit)
        .map(copy);
    },
  };

  const decisionStore: ApprovalDecisionStore = {
    async insert(decision) {
      const id = key(decision.tenantId, decision.approvalId);
      if (decisions.has(id)) return 'duplicate';
      decisions.set(id, copy(decision));
      return 'inserted';
    },
    async find(scope, approvalId) {
      const found = decisions.get(key(scope.tenantId, approvalId));
      return found ? copy(found) : null;
    },
    async markApplied(scope, approvalId) {
      const found = decisions.get(key(scope.tenantId, approvalId));
      if (found) found.applied = true;
    },
    async listUnapplied(before, limit) {
      return [...decisions.values()]
        .filter((decision) => !decision.applied && decision.decidedAt < before)
        .slice(0, limit)
        .map(copy);
    },
  };

  const noticeLog: ApprovalNoticeLog = {
    async record(scope, noticeKey) {
      const id = key(scope.tenantId, noticeKey);
      if (notices.has(id)) return false;
      notices.add(id);
      return true;
    },
  };

  const settingsStore: ApprovalSettingsStore = {
    async find(scope, userId) {
      const found = settings.get(key(scope.tenantId, userId.toLowerCase()));
      return found ? copy(found) : null;
    },
    async save(next) {
      settings.set(key(next.tenantId, next.userId.toLowerCase()), copy(next));
    },
    async listByDelegate(scope, delegateId) {
      return [...settings.values()]
        .filter(
          (entry) =>
            entry.tenantId === scope.tenantId &&
            entry.delegation?.delegate.id.toLowerCase() === delegateId.toLowerCase(),
        )
        .map(copy);
    },
  };

  return {
    approvals,
    decisions: decisionStore,
    notices: noticeLog,
    settings: settingsStore,
    requests,
    decisionsById: decisions,
  };
}
