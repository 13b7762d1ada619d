/** Helpers for the registration and session route tests. */
import { expect } from 'vitest';
import { bearer, testUsers, type TestUser, type buildTestApp } from '../../test-support.js';

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

/** `count` employees with Entra-like ids, for tests that need a crowd. */
export function crowd(count: number, prefix = 'b'): TestUser[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `${prefix}0000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    displayName: `Crowd ${prefix}${index}`,
    mail: `crowd-${prefix}${index}@contoso.test`,
    jobTitle: null,
    department: null,
    officeLocation: null,
    roles: ['employee'],
  }));
}

const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
/** When sessions made by createSession start (09:00 UTC, three days from now), unless overridden. */
export const sessionStart = new Date(`${day}T09:00:00Z`);
export const sessionDay = day;

export async function createSession(t: TestApp, capacity: number, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/sessions',
    headers: bearer(testUsers.organizer),
    payload: {
      title: 'Workday expenses',
      abstract: 'Claim travel in five minutes.',
      presenterId: testUsers.presenter.id,
      start: { dateTime: `${day}T09:00:00`, timeZone: 'UTC' },
      end: { dateTime: `${day}T10:00:00`, timeZone: 'UTC' },
      capacity,
      online: true,
      ...overrides,
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

/** Calls the API as `user` and returns status and JSON body. */
export async function call(t: TestApp, user: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  const response = await t.app.inject({ method, url, headers: bearer(user), ...(payload === undefined ? {} : { payload }) });
  return { status: response.statusCode, body: response.body ? response.json() : null };
}

export async function registrationsOf(t: TestApp, sessionId: string) {
  const listed = await call(t, testUsers.organizer, 'GET', `/api/sessions/${sessionId}/registrations`);
  expect(listed.status).toBe(200);
  return listed.body.registrations as Array<{ id: string; userId: string; status: string; seat: number | null; waitlistPosition: number | null; arrival: { at: string; seq: number }; historyUrl: string }>;
}
