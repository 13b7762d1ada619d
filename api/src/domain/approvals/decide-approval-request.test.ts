import { describe, expect, it } from 'vitest';
import { createError } from '../../errors.js';
import { createApprovalHarness, people, sessionAt, TENANT } from './approval-fakes.js';

const friday = new Date('2025-03-07T23:00:00Z');
const wednesday = new Date('2025-03-12T17:00:00Z');
const as = (userId: string) => ({ ...TENANT, userId });

async function pendingRequest() {
  const t = createApprovalHarness({ now: friday });
  const request = await t.request(people.adele, sessionAt(wednesday, 60));
  const signature = t.asked[0]!.signature;
  return { t, request, signature };
}

describe('deciding an approval request', () => {
  it('approves: the registration is approved in the approver’s name and the employee is told', async () => {
    const { t, request } = await pendingRequest();
    const result = await t.approvals.decide(as('megan'), {
      approvalId: request.id,
      decision: 'approve',
      comment: 'Enjoy',
    });
    expect(result.decision).toMatchObject({
      outcome: 'approved',
      decidedBy: { userId: 'megan', via: 'approver' },
      comment: 'Enjoy',
      applied: true,
    });
    expect(result.request.status).toBe('approved');
    expect(t.applied).toEqual([
      { registrationId: request.registrationId, action: 'approve', deciderId: 'megan', comment: 'Enjoy' },
    ]);
    expect(t.told).toEqual([{ approvalId: request.id, outcome: 'approved', employee: 'adele' }]);
  });

  it('answers a replayed or double-clicked decision the same, changing nothing', async () => {
    const { t, request } = await pendingRequest();
    const decide = () =>
      t.approvals.decide(as('megan'), { approvalId: request.id, decision: 'decline', comment: null });
    const [first, second] = await Promise.all([decide(), decide()]);
    const replay = await decide();
    expect([first.decision.outcome, second.decision.outcome, replay.decision.outcome]).toEqual([
      'declined',
      'declined',
      'declined',
    ]);
    expect(replay.decision.decidedAt).toEqual(first.decision.decidedAt);
    expect(t.applied).toEqual([
      { registrationId: request.registrationId, action: 'decline', deciderId: 'megan', comment: null },
    ]);
    expect(t.told).toHaveLength(1);
  });

  it('refuses the other decision once one is made', async () => {
    const { t, request } = await pendingRequest();
    await t.approvals.decide(as('megan'), { approvalId: request.id, decision: 'approve', comment: null });
    await expect(
      t.approvals.decide(as('megan'), { approvalId: request.id, decision: 'decline', comment: null }),
    ).rejects.toMatchObject({
      code: 'CAMPUS_ERR_ALREADY_DECIDED',
      details: { outcome: 'approved' },
    });
    expect(t.applied).toHaveLength(1);
  });

  it('refuses anyone but the approver or an active delegate, and the employee themself', async () => {
    const { t, request } = await pendingRequest();
    for (const userId of ['patti', 'adele', 'alex']) {
      await expect(
        t.approvals.decide(as(userId), { approvalId: request.id, decision: 'approve', comment: null }),
      ).rejects.toMatchObject({ code: 'CAMPUS_ERR_NOT_APPROVER' });
    }
    await expect(
      t.approvals.decide(as('megan'), { approvalId: 'no-such-request', decision: 'approve', comment: null }),
    ).rejects.toMatchObject({ code: 'CAMPUS_ERR_APPROVAL_NOT_FOUND' });
    expect(t.applied).toEqual([]);
  });

  it('lets the delegate decide while the delegation lasts, and not after', async () => {
    const { t, request } = await pendingRequest();
    await t.approvals.updateSettings(as('megan'), {
      delegate: { userId: 'alex', until: new Date('2025-03-10T00:00:00Z') },
      rules: [],
    });
    t.setNow(new Date('2025-03-10T00:00:00Z'));
    await expect(
      t.approvals.decide(as('alex'), { approvalId: request.id, decision: 'approve', comment: null }),
    ).rejects.toMatchObject({ code: 'CAMPUS_ERR_NOT_APPROVER' });
    t.setNow(new Date('2025-03-09T23:59:00Z'));
    const result = await t.approvals.decide(as('alex'), {
      approvalId: request.id,
      decision: 'approve',
      comment: null,
    });
    expect(result.decision.decidedBy).toEqual({
      userId: 'alex',
      name: 'Alex Wilber',
      via: 'delegate',
      ruleId: null,
    });
    expect(t.applied[0]).toMatchObject({ action: 'approve', deciderId: 'alex' });
  });

  it('refuses a decision once the request has expired, or was withdrawn', async () => {
    const { t, request } = await pendingRequest();
    t.setNow(request.expiresAt);
    await expect(
      t.approvals.decide(as('megan'), { approvalId: request.id, decision: 'approve', comment: null }),
    ).rejects.toMatchObject({
      code: 'CAMPUS_ERR_APPROVAL_CLOSED',
      details: { outcome: 'expired' },
    });

    const other = await t.request(people.alex, sessionAt(wednesday, 60, { id: 'session-2' }));
    await t.approvals.requests.withdraw(TENANT, other.registrationId);
    t.setNow(friday);
    await expect(
      t.approvals.decide(as('megan'), { approvalId: other.id, decision: 'approve', comment: null }),
    ).rejects.toMatchObject({
      code: 'CAMPUS_ERR_APPROVAL_CLOSED',
      details: { outcome: 'withdrawn' },
    });
    expect((await t.stores.approvals.findById(TENANT, other.id))!.status).toBe('withdrawn');
  });

  it('finishes a decision whose registration change failed, when the click is repeated or by the worker', async () => {
    const { t, request } = await pendingRequest();
    t.registrationFailure.error = createError('CAMPUS_ERR_STORE_UNAVAILABLE', 'store down (test)');
    await expect(
      t.approvals.decide(as('megan'), { approvalId: request.id, decision: 'approve', comment: null }),
    ).rejects.toMatchObject({ code: 'CAMPUS_ERR_STORE_UNAVAILABLE' });
    expect((await t.stores.decisions.find(TENANT, request.id))!.applied).toBe(false);
    t.registrationFailure.error = null;
    t.setNow(new Date(friday.getTime() + 60_000));
    expect(await t.approvals.process(10)).toMatchObject({ reapplied: 1 });
    expect(t.applied).toEqual([
      { registrationId: request.registrationId, action: 'approve', deciderId: 'megan', comment: null },
    ]);
    const replay = await t.approvals.decide(as('megan'), {
      approvalId: request.id,
      decision: 'approve',
      comment: null,
    });
    expect(replay.decision.outcome).toBe('approved');
    expect(t.applied).toHaveLength(1);
  });
});

describe('card payloads', () => {
  it('accepts the data Campus signed', async () => {
    const { t, request, signature } = await pendingRequest();
    const result = await t.approvals.decide(
      as('megan'),
      { approvalId: request.id, decision: 'approve', comment: null },
      { signature },
    );
    expect(result.decision.outcome).toBe('approved');
  });

  it.each([
    ['an edited signature', (signature: string) => `${signature.slice(0, -2)}xx`],
    ['no signature', () => undefined],
    ['a signature that is not text', () => ({ forged: true })],
  ])('refuses %s, changing nothing', async (_case, tamper) => {
    const { t, request, signature } = await pendingRequest();
    await expect(
      t.approvals.decide(
        as('megan'),
        { approvalId: request.id, decision: 'approve', comment: null },
        { signature: tamper(signature) },
      ),
    ).rejects.toMatchObject({
      code: 'CAMPUS_ERR_APPROVAL_SIGNATURE_INVALID',
    });
    expect(t.applied).toEqual([]);
    expect(await t.stores.decisions.find(TENANT, request.id)).toBeNull();
  });

  it("refuses one request's signature on another request", async () => {
    const { t, signature } = await pendingRequest();
    const other = await t.request(people.alex, sessionAt(wednesday, 60, { id: 'session-2' }));
    await expect(
      t.approvals.decide(
        as('megan'),
        { approvalId: other.id, decision: 'approve', comment: null },
        { signature },
      ),
    ).rejects.toMatchObject({
      code: 'CAMPUS_ERR_APPROVAL_SIGNATURE_INVALID',
    });
  });

  it('checks the presser as well as the signature: a forwarded card does not let someone else decide', async () => {
    const { t, request, signature } = await pendingRequest();
    await expect(
      t.approvals.decide(
        as('patti'),
        { approvalId: request.id, decision: 'approve', comment: null },
        { signature },
      ),
    ).rejects.toMatchObject({
      code: 'CAMPUS_ERR_NOT_APPROVER',
    });
    await expect(t.approvals.view(as('patti'), request.id, { signature })).rejects.toMatchObject({
      code: 'CAMPUS_ERR_NOT_APPROVER',
    });
  });
});
