import type { Db, Filter, FindCursor, WithId } from 'mongodb';
import {
  DECIDED_STATUSES,
  type ApprovalDecision,
  type ApprovalDecisionStore,
  type ApprovalNoticeLog,
  type ApprovalRequest,
  type ApprovalStore,
  type DecidedQuery,
} from '../../domain/approvals/approval.js';
import { collectionNames } from './collections.js';
import { tryInsert, withStore } from './store-errors.js';
import { inTenant } from './tenant-filter.js';

/** Stored request; `_id` is the approval id. `approverKey` is the approver's id lower-cased, for lookups by approver. */
export interface ApprovalRequestDocument extends Omit<ApprovalRequest, 'id'> {
  _id: string;
  approverKey: string | null;
}

/** The request's one decision; `_id` is `${tenantId}:${approvalId}`, so a second decision's insert fails. */
export interface ApprovalDecisionDocument extends ApprovalDecision {
  _id: string;
}

/** A one-off message recorded as sent; `_id` is `${tenantId}:${key}`. */
export interface ApprovalNoticeDocument {
  _id: string;
  tenantId: string;
  at: Date;
}

const OPEN: ApprovalRequest['status'][] = ['resolving', 'pending'];

function toRequest({ _id, approverKey: _key, ...rest }: ApprovalRequestDocument): ApprovalRequest {
  return { id: _id, ...rest };
}

/** The filter of listDecided: the approvers' decided requests or the decider's, after the cursor. */
function decidedFilter(scope: { tenantId: string }, query: DecidedQuery): Filter<ApprovalRequestDocument> {
  const { after } = query;
  const whose: Filter<ApprovalRequestDocument> = {
    $or: [
      { approverKey: { $in: query.approverIds.map((id) => id.toLowerCase()) } },
      { 'decision.decidedBy.userId': query.deciderId },
    ],
  };
  const older: Filter<ApprovalRequestDocument>[] = after
    ? [
        {
          $or: [
            { 'decision.decidedAt': { $lt: after.decidedAt } },
            { 'decision.decidedAt': after.decidedAt, _id: { $lt: after.approvalId } },
          ],
        },
      ]
    : [];
  return inTenant<ApprovalRequestDocument>(scope, {
    status: { $in: [...DECIDED_STATUSES] },
    decision: { $ne: null },
    $and: [whose, ...older],
  });
}

const approverKey = (approver: ApprovalRequest['approver']): string | null =>
  approver?.id.toLowerCase() ?? null;

export function createApprovalStore(db: Db): ApprovalStore {
  const requests = db.collection<ApprovalRequestDocument>(collectionNames.approvalRequests);
  const many = async (cursor: FindCursor<WithId<ApprovalRequestDocument>>) =>
    (await cursor.toArray()).map(toRequest);
  /** A worker's list across tenants: the first `limit` requests the filter selects, earliest `field` first. */
  const earliest = (
    filter: Filter<ApprovalRequestDocument>,
    field: 'requestedAt' | 'remindAt' | 'expiresAt',
    limit: number,
  ) =>
    withStore(() =>
      many(
        requests
          .find(filter)
          .sort({ [field]: 1 })
          .limit(limit),
      ),
    );
  return {
    insert: ({ id, ...rest }) =>
      withStore(async () =>
        (await tryInsert(requests, { _id: id, ...rest, approverKey: approverKey(rest.approver) }))
          ? 'inserted'
          : 'duplicate',
      ),
    findById: (scope, approvalId) =>
      withStore(async () => {
        const found = await requests.findOne(inTenant<ApprovalRequestDocument>(scope, { _id: approvalId }));
        return found && toRequest(found);
      }),
    findByRegistration: (scope, registrationId, round) =>
      withStore(async () => {
        const found = await requests.findOne(
          inTenant<ApprovalRequestDocument>(scope, { registrationId, round }),
        );
        return found && toRequest(found);
      }),
    listOpenByRegistration: (scope, registrationId) =>
      withStore(() =>
        many(
          requests.find(inTenant<ApprovalRequestDocument>(scope, { registrationId, status: { $in: OPEN } })),
        ),
      ),
    update: (scope, approvalId, changes) =>
      withStore(async () => {
        const set =
          'approver' in changes
            ? { ...changes, approverKey: approverKey(changes.approver ?? null) }
            : changes;
        await requests.updateOne(inTenant<ApprovalRequestDocument>(scope, { _id: approvalId }), {
          $set: set,
        });
      }),
    listPendingByApprovers: (scope, approverIds) =>
      withStore(() =>
        many(
          requests
            .find(
              inTenant<ApprovalRequestDocument>(scope, {
                status: 'pending',
                approverKey: { $in: approverIds.map((id) => id.toLowerCase()) },
              }),
            )
            .sort({ 'session.startsAt': 1, _id: 1 }),
        ),
      ),
    listDecided: (scope, query) =>
      withStore(() =>
        many(
          requests
            .find(decidedFilter(scope, query))
            .sort({ 'decision.decidedAt': -1, _id: -1 })
            .limit(query.limit),
        ),
      ),
    listResolving: (before, limit) =>
      earliest({ status: 'resolving', requestedAt: { $lt: before } }, 'requestedAt', limit),
    listDueReminders: (now, limit) =>
      earliest(
        { status: 'pending', remindedAt: null, remindAt: { $lte: now }, expiresAt: { $gt: now } },
        'remindAt',
        limit,
      ),
    listExpired: (now, limit) =>
      earliest({ status: { $in: OPEN }, expiresAt: { $lte: now } }, 'expiresAt', limit),
  };
}

export function createApprovalDecisionStore(db: Db): ApprovalDecisionStore {
  const decisions = db.collection<ApprovalDecisionDocument>(collectionNames.approvalDecisions);
  const idOf = (tenantId: string, approvalId: string) => `${tenantId}:${approvalId}`;
  const strip = ({ _id, ...decision }: ApprovalDecisionDocument): ApprovalDecision => decision;
  return {
    insert: (decision) =>
      withStore(async () =>
        (await tryInsert(decisions, { _id: idOf(decision.tenantId, decision.approvalId), ...decision }))
          ? 'inserted'
          : 'duplicate',
      ),
    find: (scope, approvalId) =>
      withStore(async () => {
        const found = await decisions.findOne(
          inTenant<ApprovalDecisionDocument>(scope, { _id: idOf(scope.tenantId, approvalId) }),
        );
        return found && strip(found);
      }),
    markApplied: (scope, approvalId) =>
      withStore(async () => {
        await decisions.updateOne(
          inTenant<ApprovalDecisionDocument>(scope, { _id: idOf(scope.tenantId, approvalId) }),
          { $set: { applied: true } },
        );
      }),
    listUnapplied: (before, limit) =>
      withStore(async () =>
        (
          await decisions
            .find({ applied: false, decidedAt: { $lt: before } })
            .sort({ decidedAt: 1 })
            .limit(limit)
            .toArray()
        ).map(strip),
      ),
  };
}

export function createApprovalNoticeLog(db: Db): ApprovalNoticeLog {
  const notices = db.collection<ApprovalNoticeDocument>(collectionNames.approvalNotices);
  return {
    record: (scope, key, at) =>
      withStore(() => tryInsert(notices, { _id: `${scope.tenantId}:${key}`, tenantId: scope.tenantId, at })),
  };
}
