import { describe, expect, it } from 'vitest';
import type { ApprovalDecision, ApprovalRequest } from '../../domain/approvals/approval.js';
import { createApprovalSettingsStore, createTeamsConversationStore } from './approval-settings-store.js';
import {
  createApprovalDecisionStore,
  createApprovalNoticeLog,
  createApprovalStore,
} from './approval-store.js';
import { useTestDatabase } from './test-support.js';

const store = useTestDatabase('approvals');
const contoso = { tenantId: 'tenant-a' };
const fabrikam = { tenantId: 'tenant-b' };
const at = (day: number, hour = 9) => new Date(Date.UTC(2030, 0, day, hour));

function request(id: string, overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return {
    id,
    tenantId: contoso.tenantId,
    registrationId: `registration-${id}`,
    round: 2,
    session: {
      id: 'session-1',
      title: 'SAP basics',
      startsAt: at(20),
      endsAt: at(20, 10),
      timeZone: 'Europe/Paris',
      organizerId: 'patti',
    },
    employee: { id: 'adele', displayName: 'Adele Vance', mail: 'adele@contoso.test' },
    approver: {
      id: 'MEGAN',
      displayName: 'Megan Bowen',
      mail: 'megan@contoso.test',
      source: 'manager',
      timeZone: 'America/Los_Angeles',
      locale: 'en-US',
    },
    status: 'pending',
    hoursAway: 1,
    clash: { state: 'busy', periods: [{ start: at(20), end: at(20, 10), status: 'busy' }] },
    requestedAt: at(10),
    remindAt: at(12),
    remindedAt: null,
    expiresAt: at(20, 8),
    decision: null,
    updatedAt: at(10),
    ...overrides,
  };
}

describe('approval request store', () => {
  it('keeps one request per registration round and reads it back whole', async () => {
    const approvals = createApprovalStore(store.db());
    expect(await approvals.insert(request('r-1'))).toBe('inserted');
    expect(await approvals.insert(request('r-1b', { registrationId: 'registration-r-1' }))).toBe('duplicate');
    expect(await approvals.insert(request('r-1c', { registrationId: 'registration-r-1', round: 4 }))).toBe(
      'inserted',
    );
    expect(await approvals.findById(contoso, 'r-1')).toEqual(request('r-1'));
    expect(await approvals.findByRegistration(contoso, 'registration-r-1', 4)).toMatchObject({ id: 'r-1c' });
    expect(await approvals.findById(fabrikam, 'r-1')).toBeNull();
  });

  it('lists pending requests by approver (any case of the id) and open ones by registration', async () => {
    const approvals = createApprovalStore(store.db());
    await approvals.insert(request('p-1', { session: { ...request('x').session, startsAt: at(25) } }));
    await approvals.insert(request('p-2', { session: { ...request('x').session, startsAt: at(22) } }));
    await approvals.insert(request('p-3', { status: 'approved' }));
    await approvals.insert(request('p-4', { tenantId: fabrikam.tenantId }));
    const pending = await approvals.listPendingByApprovers(contoso, ['megan', 'someone']);
    expect(pending.filter((item) => item.id.startsWith('p-')).map((item) => item.id)).toEqual(['p-2', 'p-1']);
    await approvals.update(contoso, 'p-2', { status: 'approved', updatedAt: at(11) });
    expect(await approvals.listOpenByRegistration(contoso, 'registration-p-2')).toEqual([]);
    expect(
      (await approvals.listOpenByRegistration(contoso, 'registration-p-1')).map((item) => item.id),
    ).toEqual(['p-1']);
  });

  it('pages decided requests by approver or decider, newest decision first, ties by id', async () => {
    const approvals = createApprovalStore(store.db());
    const nestor = { ...request('x').approver!, id: 'NESTOR', displayName: 'Nestor Wilke' };
    const decided = (
      id: string,
      outcome: ApprovalDecision['outcome'],
      day: number,
      more: Partial<ApprovalRequest> = {},
    ): ApprovalRequest =>
      request(id, {
        approver: nestor,
        status: outcome,
        decision: {
          tenantId: contoso.tenantId,
          approvalId: id,
          registrationId: `registration-${id}`,
          outcome,
          decidedBy: { userId: 'NESTOR', name: 'Nestor Wilke', via: 'approver', ruleId: null },
          comment: null,
          decidedAt: at(day),
          applied: true,
        },
        ...more,
      });
    const byAlex = decided('d-5', 'approved', 8);
    for (const item of [
      decided('d-1', 'approved', 5),
      decided('d-2', 'declined', 6),
      decided('d-3', 'expired', 6),
      decided('d-4', 'withdrawn', 7),
      {
        ...byAlex,
        approver: { ...nestor, id: 'LEE' },
        decision: {
          ...byAlex.decision!,
          decidedBy: { ...byAlex.decision!.decidedBy, userId: 'alex', via: 'delegate' as const },
        },
      },
      decided('d-6', 'approved', 9, { tenantId: fabrikam.tenantId }),
      request('d-7', { approver: nestor }),
    ]) {
      await approvals.insert(item);
    }
    const query = { approverIds: ['nestor'], deciderId: 'alex', limit: 2 };
    const first = await approvals.listDecided(contoso, { ...query, after: null });
    expect(first.map((item) => item.id)).toEqual(['d-5', 'd-3']);
    const second = await approvals.listDecided(contoso, {
      ...query,
      after: { decidedAt: first[1]!.decision!.decidedAt, approvalId: first[1]!.id },
    });
    expect(second.map((item) => item.id)).toEqual(['d-2', 'd-1']);
    expect(second[0]).toEqual(decided('d-2', 'declined', 6));
    expect((await approvals.listDecided(fabrikam, { ...query, after: null })).map((item) => item.id)).toEqual(
      ['d-6'],
    );
  });

  it('finds the worker’s due work: resolving, reminders due, expired', async () => {
    const approvals = createApprovalStore(store.db());
    await approvals.insert(
      request('w-1', {
        status: 'resolving',
        approver: null,
        remindAt: null,
        requestedAt: at(1),
        expiresAt: at(2),
      }),
    );
    await approvals.insert(request('w-2', { remindAt: at(2), expiresAt: at(28) }));
    await approvals.insert(request('w-3', { remindAt: at(2), remindedAt: at(2), expiresAt: at(28) }));
    await approvals.insert(request('w-4', { expiresAt: at(3) }));
    const ids = (items: ApprovalRequest[]) =>
      items.map((item) => item.id).filter((id) => id.startsWith('w-'));
    expect(ids(await approvals.listResolving(at(2), 10))).toEqual(['w-1']);
    expect(ids(await approvals.listDueReminders(at(4), 10))).toEqual(['w-2']);
    expect(ids(await approvals.listExpired(at(4), 10))).toEqual(['w-1', 'w-4']);
    await approvals.update(contoso, 'w-1', { approver: request('x').approver, updatedAt: at(4) });
    expect((await approvals.listPendingByApprovers(contoso, ['megan'])).map((item) => item.id)).not.toContain(
      'w-1',
    );
  });
});

describe('approval decisions and notices', () => {
  const decision = (approvalId: string, outcome: ApprovalDecision['outcome']): ApprovalDecision => ({
    tenantId: contoso.tenantId,
    approvalId,
    registrationId: `registration-${approvalId}`,
    outcome,
    decidedBy: { userId: 'megan', name: 'Megan Bowen', via: 'approver', ruleId: null },
    comment: null,
    decidedAt: at(5),
    applied: false,
  });

  it('records one decision per request: concurrent inserts, exactly one wins', async () => {
    const decisions = createApprovalDecisionStore(store.db());
    const outcomes = await Promise.all(
      ['approved', 'declined', 'expired', 'approved'].map((outcome) =>
        decisions.insert(decision('d-1', outcome as ApprovalDecision['outcome'])),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'inserted')).toHaveLength(1);
    const stored = await decisions.find(contoso, 'd-1');
    expect(stored?.applied).toBe(false);
    expect((await decisions.listUnapplied(at(6), 10)).map((item) => item.approvalId)).toContain('d-1');
    await decisions.markApplied(contoso, 'd-1');
    expect((await decisions.listUnapplied(at(6), 10)).map((item) => item.approvalId)).not.toContain('d-1');
    expect(await decisions.find(fabrikam, 'd-1')).toBeNull();
  });

  it('records a notice once, per tenant', async () => {
    const notices = createApprovalNoticeLog(store.db());
    const firsts = await Promise.all(
      [1, 2, 3].map(() => notices.record(contoso, 'reminder:a-1:megan', at(5))),
    );
    expect(firsts.filter(Boolean)).toHaveLength(1);
    expect(await notices.record(fabrikam, 'reminder:a-1:megan', at(5))).toBe(true);
  });
});

describe('approval settings and Teams conversations', () => {
  it('replaces settings whole and finds supervisors by delegate', async () => {
    const settings = createApprovalSettingsStore(store.db());
    const megan = {
      tenantId: contoso.tenantId,
      userId: 'Megan',
      delegation: { delegate: { id: 'ALEX', displayName: 'Alex', mail: 'alex@contoso.test' }, until: at(30) },
      rules: [{ id: 'rule-1', maxHours: 1, createdAt: at(1) }],
      updatedAt: at(1),
    };
    await settings.save(megan);
    expect(await settings.find(contoso, 'megan')).toEqual(megan);
    expect((await settings.listByDelegate(contoso, 'alex')).map((item) => item.userId)).toEqual(['Megan']);
    await settings.save({ ...megan, delegation: null, updatedAt: at(2) });
    expect(await settings.listByDelegate(contoso, 'alex')).toEqual([]);
    expect(await settings.find(fabrikam, 'megan')).toBeNull();
  });

  it('keeps the latest conversation per person', async () => {
    const conversations = createTeamsConversationStore(store.db());
    await conversations.save({
      tenantId: contoso.tenantId,
      userId: 'Megan',
      reference: { conversation: { id: 'a' } },
      updatedAt: at(1),
    });
    await conversations.save({
      tenantId: contoso.tenantId,
      userId: 'megan',
      reference: { conversation: { id: 'b' } },
      updatedAt: at(2),
    });
    expect(await conversations.find(contoso, 'MEGAN')).toEqual({
      tenantId: contoso.tenantId,
      userId: 'megan',
      reference: { conversation: { id: 'b' } },
      updatedAt: at(2),
    });
    expect(await conversations.find(fabrikam, 'megan')).toBeNull();
  });
});
