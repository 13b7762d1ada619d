/** Calls the approval tests make over HTTP, as one user at a time. */
import { expect } from 'vitest';
import { bearer, type TestUser } from '../../test-support.js';
import { approvalUsers, type buildApprovalTestApp } from './approval-test-app.js';

type TestApp = Awaited<ReturnType<typeof buildApprovalTestApp>>;

let nextDay = 3;
/** A supervisor-approval session on a day of its own (so registrations never overlap). */
export async function createApprovalSession(
  t: TestApp,
  capacity = 5,
  minutes = 60,
): Promise<{ id: string; startsAt: Date }> {
  const day = new Date(Date.now() + nextDay++ * 86_400_000).toISOString().slice(0, 10);
  const end = new Date(Date.parse(`${day}T09:00:00Z`) + minutes * 60_000).toISOString().slice(0, 19);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/sessions',
    headers: bearer(approvalUsers.organizer),
    payload: {
      title: 'SAP purchase-to-pay',
      abstract: 'From requisition to invoice.',
      presenterId: approvalUsers.presenter.id,
      start: { dateTime: `${day}T09:00:00`, timeZone: 'UTC' },
      end: { dateTime: end, timeZone: 'UTC' },
      capacity,
      online: true,
      approval: 'supervisor',
    },
  });
  expect(response.statusCode).toBe(201);
  return { id: response.json().id, startsAt: new Date(`${day}T09:00:00Z`) };
}

/** Registers the user; the answer is the registration view (201). */
export async function registerAs(t: TestApp, user: TestUser, sessionId: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/sessions/${sessionId}/registrations`,
    headers: bearer(user),
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; status: string } & Record<string, unknown>;
}

/** GET /api/approvals as the user. */
export async function pendingApprovalsOf(t: TestApp, user: TestUser) {
  const response = await t.app.inject({ method: 'GET', url: '/api/approvals', headers: bearer(user) });
  expect(response.statusCode).toBe(200);
  return response.json().approvals as Array<
    { id: string; employee: { id: string } } & Record<string, unknown>
  >;
}

export const decideAs = (t: TestApp, user: TestUser, approvalId: string, payload: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/approvals/${approvalId}/decision`,
    headers: bearer(user),
    payload,
  });
