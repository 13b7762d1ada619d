import { describe, expect, it } from 'vitest';
import { createApprovalHarness, people, sessionAt, TENANT } from './approval-fakes.js';

const friday = new Date('2025-03-07T23:00:00Z');
const nextThursday = new Date('2025-03-13T17:00:00Z');

describe('the approval worker', () => {
  it('reminds after two working days in the approver’s zone: a Friday request on Tuesday, once', async () => {
    const t = createApprovalHarness({ now: friday });
    const request = await t.request(people.adele, sessionAt(nextThursday, 60));
    t.setNow(new Date('2025-03-11T21:59:00Z'));
    expect(await t.approvals.process(10)).toMatchObject({ reminded: 0 });
    t.setNow(new Date('2025-03-11T22:00:00Z'));
    const passes = await Promise.all([t.approvals.process(10), t.approvals.process(10)]);
    expect(passes.reduce((sum, pass) => sum + pass.reminded, 0)).toBeGreaterThanOrEqual(1);
    await t.approvals.process(10);
    const reminders = t.asked.filter((recipient) => recipient.kind === 'reminder');
    expect(reminders.length).toBeGreaterThanOrEqual(1);
    expect(reminders.filter((recipient) => recipient.postInTeams)).toHaveLength(1);
    expect(reminders.every((recipient) => recipient.person.id === 'megan')).toBe(true);
    expect((await t.stores.approvals.findById(TENANT, request.id))!.remindedAt).toEqual(
      new Date('2025-03-11T22:00:00Z'),
    );
  });

  it('counts working days where the approver is: the same request is due earlier for a London approver', async () => {
    const t = createApprovalHarness({ now: new Date('2025-03-07T23:30:00Z') });
    t.managers.set('adele', 'alex');
    const request = await t.request(people.adele, sessionAt(nextThursday, 60));
    // Friday 23:30 in London → Tuesday 23:30 GMT; in Los Angeles it would be Tuesday 15:30 PDT (22:30Z).
    expect(request.remindAt).toEqual(new Date('2025-03-11T23:30:00Z'));
  });

  it('does not remind about a request already decided', async () => {
    const t = createApprovalHarness({ now: friday });
    const request = await t.request(people.adele, sessionAt(nextThursday, 60));
    await t.approvals.decide(
      { ...TENANT, userId: 'megan' },
      { approvalId: request.id, decision: 'approve', comment: null },
    );
    t.setNow(new Date('2025-03-12T12:00:00Z'));
    expect(await t.approvals.process(10)).toMatchObject({ reminded: 0 });
  });

  it('expires a request nobody decided before the session: declined by Campus, the seat goes back, the employee is told', async () => {
    const t = createApprovalHarness({ now: friday });
    const request = await t.request(people.adele, sessionAt(nextThursday, 60));
    t.setNow(new Date('2025-03-13T16:00:00Z'));
    expect(await t.approvals.process(10)).toMatchObject({ expired: 1 });
    expect(await t.approvals.process(10)).toMatchObject({ expired: 0 });
    expect(t.applied).toEqual([{ registrationId: request.registrationId, action: 'expire' }]);
    expect(t.told).toEqual([{ approvalId: request.id, outcome: 'expired', employee: 'adele' }]);
    expect(await t.stores.approvals.findById(TENANT, request.id)).toMatchObject({
      status: 'expired',
      decision: { decidedBy: { userId: null, via: 'expiry' } },
    });
  });

  it('lets a decision that won the race stand instead of expiring it', async () => {
    const t = createApprovalHarness({ now: friday });
    const request = await t.request(people.adele, sessionAt(nextThursday, 60));
    const decision = {
      tenantId: TENANT.tenantId,
      approvalId: request.id,
      registrationId: request.registrationId,
      outcome: 'approved' as const,
      decidedBy: { userId: 'megan', name: 'Megan Bowen', via: 'approver' as const, ruleId: null },
      comment: null,
      decidedAt: friday,
      applied: false,
    };
    await t.stores.decisions.insert(decision);
    t.setNow(new Date('2025-03-13T16:00:00Z'));
    expect(await t.approvals.process(10)).toMatchObject({ expired: 0 });
    expect(t.applied).toEqual([
      { registrationId: request.registrationId, action: 'approve', deciderId: 'megan', comment: null },
    ]);
  });

  it('withdraws a request left resolving whose registration has moved on', async () => {
    const t = createApprovalHarness({ now: friday });
    t.graph.failing = true;
    await expect(t.request(people.adele, sessionAt(nextThursday, 60))).rejects.toThrow();
    const [stuck] = await t.stores.approvals.listOpenByRegistration(TENANT, 'registration-adele-session-1');
    await t.deps.registrationDecisions.decide(TENANT, stuck!.registrationId, 'decline', 'system', null);
    t.graph.failing = false;
    t.setNow(new Date(friday.getTime() + 120_000));
    expect(await t.approvals.process(10)).toMatchObject({ resumed: 0 });
    expect((await t.stores.approvals.findById(TENANT, stuck!.id))!.status).toBe('withdrawn');
    expect(t.asked).toEqual([]);
  });

  it('withdraws instead of expiring a request whose registration was decided another way', async () => {
    const t = createApprovalHarness({ now: friday });
    const request = await t.request(people.adele, sessionAt(nextThursday, 60));
    await t.deps.registrationDecisions.decide(TENANT, request.registrationId, 'approve', 'organizer', null);
    t.setNow(new Date('2025-03-13T16:00:00Z'));
    expect(await t.approvals.process(10)).toMatchObject({ expired: 0 });
    expect((await t.stores.approvals.findById(TENANT, request.id))!.status).toBe('withdrawn');
    expect(t.told).toEqual([]);
  });

  it('asks about a registration left waiting without a request (a crash between the two), once', async () => {
    const t = createApprovalHarness({ now: friday });
    const registration = t.forget(people.adele, sessionAt(nextThursday, 60));
    t.setNow(new Date(registration.updatedAt.getTime() + 5 * 60_000));
    expect(await t.approvals.process(10)).toMatchObject({ requested: 1 });
    expect(await t.approvals.process(10)).toMatchObject({ requested: 0 });
    expect(t.asked.map((recipient) => recipient.person.id)).toEqual(['megan']);
    expect(await t.stores.approvals.findByRegistration(TENANT, registration.id, 2)).toMatchObject({
      status: 'pending',
    });
  });
});
