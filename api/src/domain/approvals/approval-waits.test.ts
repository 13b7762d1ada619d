import { describe, expect, it } from 'vitest';
import { createApprovalHarness, people, sessionAt, TENANT } from './approval-fakes.js';

const friday = new Date('2025-03-07T23:00:00Z');
const wednesday = new Date('2025-03-12T17:00:00Z');
const monday = new Date('2025-03-10T12:00:00Z');
const as = (userId: string) => ({ ...TENANT, userId });

describe('who a registration waits for, and for whom a delegate decides', () => {
  it('names the approver, and the delegate only while the delegation lasts', async () => {
    const t = createApprovalHarness({ now: friday });
    const request = await t.request(people.adele, sessionAt(wednesday, 60));
    const approver = { id: 'megan', displayName: 'Megan Bowen' };
    expect(await t.approvals.findWaits(TENANT, [request.registrationId, 'registration-unknown'])).toEqual(
      new Map([[request.registrationId, { approvalId: request.id, approver, delegate: null }]]),
    );
    expect(await t.approvals.listDelegatedApprovers(as('alex'))).toEqual([]);

    await t.approvals.updateSettings(as('megan'), { delegate: { userId: 'alex', until: monday }, rules: [] });
    const waits = await t.approvals.findWaits(TENANT, [request.registrationId]);
    expect(waits.get(request.registrationId)?.delegate).toEqual({
      id: 'alex',
      displayName: 'Alex Wilber',
      until: monday,
    });
    expect(await t.approvals.listDelegatedApprovers(as('alex'))).toEqual([
      { id: 'megan', displayName: 'Megan Bowen', until: monday },
    ]);

    t.setNow(monday);
    expect(
      (await t.approvals.findWaits(TENANT, [request.registrationId])).get(request.registrationId),
    ).toEqual({ approvalId: request.id, approver, delegate: null });
    expect(await t.approvals.listDelegatedApprovers(as('alex'))).toEqual([]);
  });

  it('keeps the delegation when the directory cannot name the supervisor', async () => {
    const t = createApprovalHarness({ now: friday });
    await t.approvals.updateSettings(as('megan'), { delegate: { userId: 'alex', until: null }, rules: [] });
    t.graph.failing = true;
    expect(await t.approvals.listDelegatedApprovers(as('alex'))).toEqual([
      { id: 'megan', displayName: null, until: null },
    ]);
    expect(t.warnings).toContain('delegating supervisor not read from the directory');
  });

  it('lists decided requests newest first, a page at a time, and nothing still pending', async () => {
    const t = createApprovalHarness({ now: friday });
    const first = await t.request(people.adele, sessionAt(wednesday, 60));
    const second = await t.request(people.alex, sessionAt(wednesday, 90));
    const open = await t.request(people.adele, sessionAt(monday, 30), 4);
    await t.approvals.decide(as('megan'), { approvalId: first.id, decision: 'approve', comment: null });
    t.setNow(new Date(friday.getTime() + 60_000));
    await t.approvals.decide(as('megan'), { approvalId: second.id, decision: 'decline', comment: 'Close' });

    const page = await t.approvals.listDecided(as('megan'), { limit: 1, after: null });
    expect(page.items.map((item) => item.request.id)).toEqual([second.id]);
    expect(page.next).toEqual({ decidedAt: new Date(friday.getTime() + 60_000), approvalId: second.id });
    const rest = await t.approvals.listDecided(as('megan'), { limit: 1, after: page.next });
    expect(rest).toMatchObject({ items: [{ request: { id: first.id, status: 'approved' } }], next: null });
    expect(
      (await t.approvals.listDecided(as('adele'), { limit: 10, after: null })).items.map(
        (item) => item.request.id,
      ),
    ).not.toContain(open.id);
    expect((await t.approvals.listDecided(as('alex'), { limit: 10, after: null })).items).toEqual([]);
  });
});
