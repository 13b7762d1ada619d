import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, type TestUser } from '../../test-support.js';
import { createApprovalSession, decideAs, pendingApprovalsOf, registerAs } from './approval-http.js';
import { approvalUsers, buildApprovalTestApp } from './approval-test-app.js';

type TestApp = Awaited<ReturnType<typeof buildApprovalTestApp>>;
const { employee, supervisor, deputy } = approvalUsers;

let t: TestApp;
beforeEach(async () => {
  t = await buildApprovalTestApp();
});
afterEach(async () => {
  await t.close();
});

async function get(user: TestUser, url: string) {
  const response = await t.app.inject({ method: 'GET', url, headers: bearer(user) });
  return { status: response.statusCode, body: response.json() };
}

async function delegateTo(userId: string | null, until: string | null = null) {
  const saved = await t.app.inject({
    method: 'PUT',
    url: '/api/me/approval-settings',
    headers: bearer(supervisor),
    payload: { delegate: userId && { userId, until }, rules: [] },
  });
  expect(saved.statusCode).toBe(200);
}

async function approvalOfMine(sessionId: string) {
  const mine = await get(employee, '/api/me/sessions');
  expect(mine.status).toBe(200);
  return (mine.body.sessions as Array<{ session: { id: string }; registration: { approval: unknown } }>).find(
    (item) => item.session.id === sessionId,
  )?.registration.approval;
}

describe("the employee's registration names who decides", () => {
  it('answers the approver, then the delegate too, wherever the registration is read; nothing once decided', async () => {
    const session = await createApprovalSession(t);
    const registration = await registerAs(t, employee, session.id);
    const approver = { id: supervisor.id, displayName: supervisor.displayName };
    expect(registration).toMatchObject({
      status: 'pendingApproval',
      approval: { approver, delegate: null },
    });
    const [request] = await pendingApprovalsOf(t, supervisor);
    expect(registration.approval).toMatchObject({ approvalId: request!.id });
    expect(await approvalOfMine(session.id)).toEqual(registration.approval);

    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await delegateTo(deputy.id, until);
    const delegate = { id: deputy.id, displayName: deputy.displayName, until };
    expect(await approvalOfMine(session.id)).toMatchObject({ approver, delegate });
    const byId = await get(employee, `/api/registrations/${registration.id}`);
    expect(byId).toMatchObject({ status: 200, body: { approval: { approver, delegate } } });

    expect((await decideAs(t, deputy, request!.id, { decision: 'approve' })).statusCode).toBe(200);
    expect(await approvalOfMine(session.id)).toBeNull();
  });
});

describe('GET /api/me says for whom the user decides', () => {
  it('lists the supervisors whose delegation to the user is active', async () => {
    expect((await get(deputy, '/api/me')).body.approvesFor).toEqual([]);
    expect((await get(supervisor, '/api/me')).body).toMatchObject({
      roles: expect.arrayContaining(['supervisor']),
      approvesFor: [],
    });

    await delegateTo(deputy.id);
    expect((await get(deputy, '/api/me')).body.approvesFor).toEqual([
      { id: supervisor.id, displayName: supervisor.displayName, until: null },
    ]);
    expect((await get(employee, '/api/me')).body.approvesFor).toEqual([]);

    await delegateTo(null);
    expect((await get(deputy, '/api/me')).body.approvesFor).toEqual([]);
  });
});

describe('GET /api/approvals/decided', () => {
  it('pages the decisions the user made or could have made, newest first', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) {
      const session = await createApprovalSession(t);
      const registration = await registerAs(t, employee, session.id);
      const request = (await pendingApprovalsOf(t, supervisor)).find(
        (item) => item.registrationId === registration.id,
      );
      ids.push(request!.id);
    }
    expect((await get(supervisor, '/api/approvals/decided')).body).toEqual({
      approvals: [],
      nextCursor: null,
    });

    await delegateTo(deputy.id);
    expect((await decideAs(t, supervisor, ids[0]!, { decision: 'approve' })).statusCode).toBe(200);
    expect(
      (await decideAs(t, supervisor, ids[1]!, { decision: 'decline', comment: 'Month end' })).statusCode,
    ).toBe(200);
    expect((await decideAs(t, deputy, ids[2]!, { decision: 'approve' })).statusCode).toBe(200);

    const first = await get(supervisor, '/api/approvals/decided?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.approvals.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.approvals[0]).toMatchObject({
      status: 'approved',
      decision: { decidedBy: { userId: deputy.id, via: 'delegate' } },
    });
    expect(first.body.approvals[1]).toMatchObject({ status: 'declined', decision: { comment: 'Month end' } });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get(supervisor, `/api/approvals/decided?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.approvals.map((item: { id: string }) => item.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();

    const asDelegate = await get(deputy, '/api/approvals/decided');
    expect(asDelegate.body.approvals.map((item: { id: string }) => item.id)).toEqual([
      ids[2],
      ids[1],
      ids[0],
    ]);
    expect(asDelegate.body.approvals[1]).toMatchObject({ onBehalfOf: { id: supervisor.id } });
    await delegateTo(null);
    const afterDelegation = await get(deputy, '/api/approvals/decided');
    expect(afterDelegation.body.approvals.map((item: { id: string }) => item.id)).toEqual([ids[2]]);

    expect((await get(employee, '/api/approvals/decided')).body.approvals).toEqual([]);
  });

  it('refuses bad paging parameters, naming them', async () => {
    const foreign = Buffer.from(JSON.stringify({ page: 2 })).toString('base64url');
    for (const [query, field] of [
      ['limit=0', '/limit'],
      ['limit=51', '/limit'],
      ['limit=ten', '/limit'],
      ['cursor=not%20a%20cursor', '/cursor'],
      [`cursor=${foreign}`, '/cursor'],
    ] as const) {
      const answer = await get(supervisor, `/api/approvals/decided?${query}`);
      expect({ query, status: answer.status, code: answer.body.code, details: answer.body.details }).toEqual({
        query,
        status: 400,
        code: 'CAMPUS_ERR_VALIDATION',
        details: { location: 'querystring', field },
      });
    }
  });
});
