import { describe, expect, it } from 'vitest';
import { createApprovalHarness, people, sessionAt, TENANT } from './approval-fakes.js';

// Friday 7 March 2025, 15:00 in Los Angeles; the session is the next Wednesday 10:00–11:00 there.
const friday = new Date('2025-03-07T23:00:00Z');
const wednesday = new Date('2025-03-12T17:00:00Z');

describe('requesting approval', () => {
  it("asks the employee's manager in Graph, by mail and in Teams, with the session in the manager's zone", async () => {
    const t = createApprovalHarness({ now: friday });
    const request = await t.request(people.adele, sessionAt(wednesday, 60));
    expect(request).toMatchObject({
      status: 'pending',
      approver: { id: 'megan', source: 'manager', timeZone: 'America/Los_Angeles', locale: 'en-US' },
      hoursAway: 1,
      clash: { state: 'free' },
      remindAt: new Date('2025-03-11T22:00:00Z'),
      expiresAt: new Date('2025-03-12T16:00:00Z'),
    });
    expect(t.asked).toHaveLength(1);
    expect(t.asked[0]).toMatchObject({ person: people.megan, kind: 'request', postInTeams: true });
    expect(t.asked[0]!.summary).toMatchObject({
      whenText: 'Wed, Mar 12, 2025, 10:00 – 11:00 AM PDT',
      hoursAwayText: '1 hour',
      clashText: "Adele Vance's calendar is free at that time.",
    });
    expect(
      t.deps.signer.verify(
        { approvalId: request.id, approverId: 'megan', expiresAt: request.expiresAt },
        t.asked[0]!.signature,
      ),
    ).toBe(true);
  });

  it('asks the session organizer when the directory names no manager (the top of the organization)', async () => {
    const t = createApprovalHarness({ now: friday });
    const request = await t.request(people.ceo, sessionAt(wednesday, 60));
    expect(request.approver).toMatchObject({ id: 'patti', source: 'organizer' });
    expect(t.asked.map((recipient) => recipient.person.id)).toEqual(['patti']);
  });

  it('keeps the approver found at request time when the manager changes before the worker resumes', async () => {
    const t = createApprovalHarness({ now: friday });
    const request = await t.request(people.adele, sessionAt(wednesday, 60));
    t.managers.set('adele', 'alex');
    expect((await t.stores.approvals.findById(TENANT, request.id))!.approver!.id).toBe('megan');
  });

  it('stays resolving while Graph is down, and the worker asks once it answers', async () => {
    const t = createApprovalHarness({ now: friday });
    t.graph.failing = true;
    const session = sessionAt(wednesday, 60);
    await expect(t.request(people.adele, session)).rejects.toThrow('Graph is down');
    const stuck = (
      await t.stores.approvals.listOpenByRegistration(TENANT, 'registration-adele-session-1')
    )[0]!;
    expect(stuck.status).toBe('resolving');
    t.graph.failing = false;
    t.setNow(new Date(friday.getTime() + 5 * 60_000));
    expect(await t.approvals.process(10)).toMatchObject({ resumed: 1 });
    expect((await t.stores.approvals.findById(TENANT, stuck.id))!.status).toBe('pending');
    expect(t.asked.map((recipient) => recipient.person.id)).toEqual(['megan']);
  });

  it('is idempotent: asking again for the same registration round sends nothing new', async () => {
    const t = createApprovalHarness({ now: friday });
    const session = sessionAt(wednesday, 60);
    const first = await t.request(people.adele, session);
    const again = await t.request(people.adele, session);
    expect(again.id).toBe(first.id);
    expect(t.asked).toHaveLength(1);
    const next = await t.request(people.adele, session, 5);
    expect(next.id).not.toBe(first.id);
  });

  it("reports a clash with the employee's calendar, or that it could not be read", async () => {
    const t = createApprovalHarness({ now: friday });
    t.busy.set('adele', [
      { start: new Date('2025-03-12T17:30:00Z'), end: new Date('2025-03-12T18:30:00Z'), status: 'busy' },
    ]);
    const busy = await t.request(people.adele, sessionAt(wednesday, 60));
    expect(busy.clash).toEqual({
      state: 'busy',
      periods: [
        { start: new Date('2025-03-12T17:30:00Z'), end: new Date('2025-03-12T18:30:00Z'), status: 'busy' },
      ],
    });
    expect(t.asked[0]!.summary.clashText).toBe(
      "Clashes with Adele Vance's calendar: Wed, Mar 12, 2025, 10:30 – 11:30 AM PDT (busy).",
    );

    t.graph.calendarFailing = true;
    const unknown = await t.request(people.alex, sessionAt(wednesday, 60, { id: 'session-2' }));
    expect(unknown.clash).toEqual({ state: 'unknown' });
    expect(t.asked[1]!.summary.clashText).toBe(
      "Campus could not read Alex Wilber's calendar; check with them.",
    );
  });

  it('sends a request made too late to decide nowhere: it expires at once and the worker declines it', async () => {
    const t = createApprovalHarness({ now: new Date('2025-03-12T16:30:00Z') });
    const request = await t.request(people.adele, sessionAt(wednesday, 60));
    expect(request.expiresAt).toEqual(new Date('2025-03-12T16:30:00Z'));
    expect(t.asked).toEqual([]);
    expect(await t.approvals.process(10)).toMatchObject({ expired: 1 });
    expect(t.applied).toEqual([{ registrationId: request.registrationId, action: 'expire' }]);
  });
});

describe('standing rules', () => {
  it("approves at once, in the rule's name, when the session is within the supervisor's limit", async () => {
    const t = createApprovalHarness({ now: friday });
    await t.approvals.updateSettings(
      { ...TENANT, userId: 'megan' },
      { delegate: null, rules: [{ maxHours: 1 }] },
    );
    const rule = (await t.approvals.getSettings({ ...TENANT, userId: 'megan' })).rules[0]!;
    const request = await t.request(people.adele, sessionAt(wednesday, 45));
    expect(request).toMatchObject({
      status: 'approved',
      decision: {
        outcome: 'approved',
        decidedBy: { userId: 'megan', name: "Megan Bowen's standing rule", via: 'rule', ruleId: rule.id },
      },
    });
    expect(t.applied).toEqual([
      {
        registrationId: request.registrationId,
        action: 'approve',
        deciderId: 'megan',
        comment: "Approved by Megan Bowen's standing rule for sessions up to 1 hour",
      },
    ]);
    expect(t.asked).toEqual([]);
    expect(t.told).toEqual([{ approvalId: request.id, outcome: 'approved', employee: 'adele' }]);
  });

  it('asks as usual for a longer session', async () => {
    const t = createApprovalHarness({ now: friday });
    await t.approvals.updateSettings(
      { ...TENANT, userId: 'megan' },
      { delegate: null, rules: [{ maxHours: 1 }] },
    );
    const request = await t.request(people.adele, sessionAt(wednesday, 90));
    expect(request.status).toBe('pending');
    expect(t.asked).toHaveLength(1);
  });

  it('does not apply an organizer’s rules to requests they decide only because no manager is known', async () => {
    const t = createApprovalHarness({ now: friday });
    await t.approvals.updateSettings(
      { ...TENANT, userId: 'patti' },
      { delegate: null, rules: [{ maxHours: 8 }] },
    );
    const request = await t.request(people.ceo, sessionAt(wednesday, 60));
    expect(request.status).toBe('pending');
  });
});

describe('delegation', () => {
  it('asks the active delegate too, with times in their own zone and locale', async () => {
    const t = createApprovalHarness({ now: friday });
    await t.approvals.updateSettings(
      { ...TENANT, userId: 'megan' },
      { delegate: { userId: 'alex', until: new Date('2025-03-20T00:00:00Z') }, rules: [] },
    );
    await t.request(people.adele, sessionAt(wednesday, 60));
    expect(t.asked.map((recipient) => recipient.person.id)).toEqual(['megan', 'alex']);
    expect(t.asked[1]!.summary.whenText).toBe('Wed, 12 Mar 2025, 17:00–18:00 GMT');
    expect(t.asked[1]!.signature).toBe(t.asked[0]!.signature);
  });

  it('does not ask a delegate whose delegation has ended, nor the employee who is the delegate', async () => {
    const t = createApprovalHarness({ now: new Date('2025-03-01T12:00:00Z') });
    await t.approvals.updateSettings(
      { ...TENANT, userId: 'megan' },
      { delegate: { userId: 'alex', until: new Date('2025-03-05T00:00:00Z') }, rules: [] },
    );
    t.setNow(friday);
    await t.request(people.adele, sessionAt(wednesday, 60));
    await t.approvals.updateSettings(
      { ...TENANT, userId: 'megan' },
      { delegate: { userId: 'alex', until: null }, rules: [] },
    );
    await t.request(people.alex, sessionAt(wednesday, 60, { id: 'session-2' }));
    expect(t.asked.map((recipient) => recipient.person.id)).toEqual(['megan', 'megan']);
  });
});
