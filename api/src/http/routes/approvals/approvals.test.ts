import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateOutlookCard } from '@campus/bot/test-support/outlook-card-schema';
import { bearer, type TestUser } from '../../test-support.js';
import { createApprovalSession, decideAs, pendingApprovalsOf, registerAs } from './approval-http.js';
import { approvalUsers, buildApprovalTestApp, cardOfMail, ORIGINATOR } from './approval-test-app.js';

type TestApp = Awaited<ReturnType<typeof buildApprovalTestApp>>;
const { employee, supervisor, deputy, organizer, presenter } = approvalUsers;

let t: TestApp;
beforeEach(async () => {
  t = await buildApprovalTestApp();
});
afterEach(async () => {
  await t.close();
});

const createSession = (capacity?: number, minutes?: number) => createApprovalSession(t, capacity, minutes);
const register = (user: TestUser, sessionId: string) => registerAs(t, user, sessionId);
const pendingFor = (user: TestUser) => pendingApprovalsOf(t, user);
const decide = (user: TestUser, approvalId: string, payload: object) =>
  decideAs(t, user, approvalId, payload);

async function statusOf(user: TestUser, sessionId: string): Promise<string | undefined> {
  const mine = await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: bearer(user) });
  return (mine.json().sessions as Array<{ session: { id: string }; registration: { status: string } }>).find(
    (item) => item.session.id === sessionId,
  )?.registration.status;
}

describe('supervisor approval over HTTP', () => {
  it("asks the employee's manager by mail with an actionable card, and lists the request with what it needs", async () => {
    const session = await createSession();
    const registration = await register(employee, session.id);
    expect(registration.status).toBe('pendingApproval');

    const [approval] = await pendingFor(supervisor);
    expect(approval).toMatchObject({
      registrationId: registration.id,
      status: 'pending',
      employee: { id: employee.id, displayName: employee.displayName },
      approver: { id: supervisor.id },
      onBehalfOf: null,
      when: { timeZone: 'Europe/Paris', text: expect.stringContaining('10:00–11:00 CET') },
      hoursAway: 1,
      clash: { state: 'free', periods: [] },
      decision: null,
    });
    expect(await pendingFor(organizer)).toEqual([]);

    const mail = t.sentMail.find((message) => message.to[0]?.email === supervisor.mail)!;
    expect(mail).toMatchObject({
      fromUserId: 'campus@contoso.test',
      subject: `Approve ${employee.displayName}'s time for “SAP purchase-to-pay”?`,
    });
    const card = cardOfMail(mail.body.content);
    expect(validateOutlookCard(card)).toEqual({ valid: true, errors: [], originator: ORIGINATOR });
    expect(JSON.stringify(card)).toContain(`"approvalId":"${approval!.id}"`);
    expect(mail.body.content).toContain('href="https://campus.contoso.test/?view=approvals"');
  });

  it('approves: the registration is confirmed, a replay answers the same, the other decision is refused', async () => {
    const session = await createSession();
    await register(employee, session.id);
    const [approval] = await pendingFor(supervisor);

    const approved = await decide(supervisor, approval!.id, { decision: 'approve', comment: 'Enjoy' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      decision: {
        outcome: 'approved',
        comment: 'Enjoy',
        decidedBy: { userId: supervisor.id, name: supervisor.displayName, via: 'approver' },
      },
    });
    expect(await statusOf(employee, session.id)).toBe('confirmed');

    const replay = await decide(supervisor, approval!.id, { decision: 'approve', comment: 'Enjoy' });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(approved.json());

    const other = await decide(supervisor, approval!.id, { decision: 'decline' });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({
      code: 'CAMPUS_ERR_ALREADY_DECIDED',
      details: { outcome: 'approved' },
    });
    expect(await statusOf(employee, session.id)).toBe('confirmed');
    expect(await pendingFor(supervisor)).toEqual([]);
    expect(
      t.sentMail
        .filter((message) => message.to[0]?.email === employee.mail)
        .map((message) => message.subject),
    ).toEqual(['Your registration for “SAP purchase-to-pay” was approved']);
  });

  it('declining frees the seat for the next person waiting, whose manager is asked in turn', async () => {
    const session = await createSession(1);
    await register(employee, session.id);
    expect((await register(presenter, session.id)).status).toBe('waitlisted');
    const [first] = await pendingFor(supervisor);

    expect(
      (await decide(supervisor, first!.id, { decision: 'decline', comment: 'Quarter close' })).json(),
    ).toMatchObject({ status: 'declined' });
    expect(await statusOf(employee, session.id)).toBe('declined');
    expect(await statusOf(presenter, session.id)).toBe('pendingApproval');
    expect((await pendingFor(supervisor)).map((item) => item.employee.id)).toEqual([presenter.id]);
  });

  it("refuses someone else's decision, unknown and malformed ids, and a bad body, changing nothing", async () => {
    const session = await createSession();
    await register(employee, session.id);
    const [approval] = await pendingFor(supervisor);

    for (const [user, code] of [
      [organizer, 'CAMPUS_ERR_NOT_APPROVER'],
      [employee, 'CAMPUS_ERR_NOT_APPROVER'],
    ] as const) {
      const refused = await decide(user, approval!.id, { decision: 'approve' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe(code);
    }
    const peek = await t.app.inject({
      method: 'GET',
      url: `/api/approvals/${approval!.id}`,
      headers: bearer(organizer),
    });
    expect([peek.statusCode, peek.json().code]).toEqual([403, 'CAMPUS_ERR_NOT_APPROVER']);

    const unknown = await decide(supervisor, '00000000-0000-4000-8000-00000000abcd', { decision: 'approve' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'CAMPUS_ERR_APPROVAL_NOT_FOUND']);
    const malformed = await decide(supervisor, 'not-an-id', { decision: 'approve' });
    expect([malformed.statusCode, malformed.json().code]).toEqual([400, 'CAMPUS_ERR_VALIDATION']);
    const badBody = await decide(supervisor, approval!.id, { decision: 'maybe' });
    expect([badBody.statusCode, badBody.json().code]).toEqual([400, 'CAMPUS_ERR_VALIDATION']);

    expect(await statusOf(employee, session.id)).toBe('pendingApproval');
    expect((await pendingFor(supervisor)).map((item) => item.id)).toEqual([approval!.id]);
  });

  it('lets an active delegate see and decide in the supervisor’s name', async () => {
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/me/approval-settings',
      headers: bearer(supervisor),
      payload: {
        delegate: { userId: deputy.id, until: new Date(Date.now() + 30 * 86_400_000).toISOString() },
        rules: [],
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().delegate).toMatchObject({
      userId: deputy.id,
      displayName: deputy.displayName,
      active: true,
    });

    const session = await createSession();
    await register(employee, session.id);
    expect(t.sentMail.filter((message) => message.to[0]?.email === deputy.mail)).toHaveLength(1);
    const [approval] = await pendingFor(deputy);
    expect(approval).toMatchObject({
      onBehalfOf: { id: supervisor.id, displayName: supervisor.displayName },
    });

    const decided = await decide(deputy, approval!.id, { decision: 'approve' });
    expect(decided.json()).toMatchObject({
      status: 'approved',
      decision: { decidedBy: { userId: deputy.id, via: 'delegate' } },
    });
    expect(await statusOf(employee, session.id)).toBe('confirmed');
  });

  it('approves at once under a standing rule, and checks the settings it is given', async () => {
    const rule = await t.app.inject({
      method: 'PUT',
      url: '/api/me/approval-settings',
      headers: bearer(supervisor),
      payload: { delegate: null, rules: [{ maxHours: 1.5 }] },
    });
    expect(rule.json()).toMatchObject({ delegate: null, rules: [{ maxHours: 1.5 }] });
    const session = await createSession(5, 90);
    await register(employee, session.id);
    expect(await statusOf(employee, session.id)).toBe('confirmed');
    expect(t.sentMail.filter((message) => message.to[0]?.email === supervisor.mail)).toEqual([]);

    const settings = await t.app.inject({
      method: 'GET',
      url: '/api/me/approval-settings',
      headers: bearer(supervisor),
    });
    expect(settings.json().rules).toEqual([{ id: rule.json().rules[0].id, maxHours: 1.5 }]);

    for (const [payload, code, field] of [
      [{ delegate: null, rules: [{ maxHours: 0.3 }] }, 'CAMPUS_ERR_VALIDATION', '/rules/0/maxHours'],
      [{ delegate: { userId: supervisor.id }, rules: [] }, 'CAMPUS_ERR_VALIDATION', '/delegate/userId'],
      [
        { delegate: { userId: '00000000-0000-4000-8000-00000000dead' }, rules: [] },
        'CAMPUS_ERR_UNKNOWN_DELEGATE',
        '/delegate/userId',
      ],
    ] as const) {
      const refused = await t.app.inject({
        method: 'PUT',
        url: '/api/me/approval-settings',
        headers: bearer(supervisor),
        payload,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code, details: { field } });
    }
  });

  it('expires an undecided request before the session, freeing the seat', async () => {
    const session = await createSession(1);
    await register(employee, session.id);
    await register(presenter, session.id);
    t.travelTo(new Date(session.startsAt.getTime() - 30 * 60_000));
    expect(await t.approvals.process(10)).toMatchObject({ expired: 1 });
    expect(await statusOf(employee, session.id)).toBe('declined');
    // The seat went to the next person; their request came too late to decide and expires on the next pass.
    expect(await statusOf(presenter, session.id)).toBe('pendingApproval');
    expect(t.sentMail.map((message) => message.subject)).toContain(
      'Your registration for “SAP purchase-to-pay” expired without a decision',
    );
    expect(await pendingFor(supervisor)).toEqual([]);
    expect(await t.approvals.process(10)).toMatchObject({ expired: 1 });
    expect(await statusOf(presenter, session.id)).toBe('declined');
  });
});
