import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningDevTenant } from '@campus/infra/dev-tenant';
import { ADELE_VANCE_ID, NESTOR_WILKE_ID, PATTI_FERNANDEZ_ID } from '@campus/infra/dev-tenant/personas';
import { startFerretDb, type RunningFerretDb } from '@campus/infra/ferretdb';
import { apiClient, startCampus, tokenFor, type CampusUnderTest } from '../support/campus-server.js';
import { startPrivateDevTenant, type DevControls } from '../support/dev-tenant.js';
import type { DevTenantInfo } from '../support/provided-context.js';

function nextWeek(time: string) {
  return {
    dateTime: `${new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)}T${time}`,
    timeZone: 'America/New_York',
  };
}

const session = {
  title: 'ServiceNow change requests',
  abstract: 'From draft to CAB approval.',
  presenterId: NESTOR_WILKE_ID,
  start: nextWeek('11:00:00'),
  end: nextWeek('12:00:00'),
  capacity: 10,
  online: true,
};

describe('when Microsoft Graph fails', () => {
  let tenant: RunningDevTenant;
  let info: DevTenantInfo;
  let dev: DevControls;
  let campus: CampusUnderTest;

  beforeAll(async () => {
    // A dev tenant of its own: its faults must not reach other test files.
    ({ tenant, info, dev } = await startPrivateDevTenant(200));
    campus = await startCampus({ devTenant: info });
  });
  afterAll(async () => {
    await campus?.close();
    await tenant?.stop();
  });

  it('keeps the session and the registration, then books the event and the invitation exactly once when Graph is back', async () => {
    const asOrganizer = apiClient(campus.url, await tokenFor(info, PATTI_FERNANDEZ_ID));
    const asEmployee = apiClient(campus.url, await tokenFor(info, ADELE_VANCE_ID));
    await asOrganizer('GET', '/api/me');
    await asEmployee('GET', '/api/me');

    await dev('PUT', '/faults', { unavailableRate: 1, pathPattern: '/events' });
    const created = await asOrganizer<{ id: string; calendarEventBooked: boolean }>(
      'POST',
      '/api/sessions',
      session,
    );
    expect(created.status).toBe(201);
    expect(created.body.calendarEventBooked).toBe(false);
    const registered = await asEmployee<{ status: string; invite: string }>(
      'POST',
      `/api/sessions/${created.body.id}/registrations`,
    );
    expect(registered.body).toMatchObject({ status: 'confirmed', invite: 'pending' });

    await dev('DELETE', '/faults');
    await vi.waitFor(
      async () => {
        const mine = await asEmployee<{
          sessions: Array<{ registration: { invite: string }; session: { calendarEventBooked: boolean } }>;
        }>('GET', '/api/me/sessions');
        expect(mine.body.sessions[0]).toMatchObject({
          registration: { invite: 'sent' },
          session: { calendarEventBooked: true },
        });
      },
      { timeout: 30_000, interval: 250 },
    );

    const events = await dev<{ value: Array<{ subject: string; attendees: unknown[] }> }>(
      'GET',
      `/calendars/${NESTOR_WILKE_ID}/events`,
    );
    const booked = events.value.filter((event) => event.subject === session.title);
    expect(booked).toHaveLength(1);
    expect(booked[0]!.attendees).toHaveLength(1);
    const invitations = await dev<{ value: Array<{ subject: string }> }>(
      'GET',
      '/outbox?kind=meetingRequest',
    );
    expect(invitations.value.filter((message) => message.subject === session.title)).toHaveLength(1);
  });

  it('retries through throttling without duplicating anything', async () => {
    const asOrganizer = apiClient(campus.url, await tokenFor(info, PATTI_FERNANDEZ_ID));
    await dev('PUT', '/faults', { throttleRate: 0.5, retryAfterSeconds: 0, seed: 7 });
    try {
      const created = await asOrganizer<{ id: string; calendarEventBooked: boolean }>(
        'POST',
        '/api/sessions',
        { ...session, title: 'Jira for non-engineers' },
      );
      expect(created.status).toBe(201);
      await vi.waitFor(
        async () => {
          const one = await asOrganizer<{ calendarEventBooked: boolean }>(
            'GET',
            `/api/sessions/${created.body.id}`,
          );
          expect(one.body.calendarEventBooked).toBe(true);
        },
        { timeout: 30_000, interval: 250 },
      );
    } finally {
      await dev('DELETE', '/faults');
    }
    const events = await dev<{ value: Array<{ subject: string }> }>(
      'GET',
      `/calendars/${NESTOR_WILKE_ID}/events`,
    );
    expect(events.value.filter((event) => event.subject === 'Jira for non-engineers')).toHaveLength(1);
  });
});

describe('when the store is down', () => {
  let ferret: RunningFerretDb;
  let dataDir: string;
  let campus: CampusUnderTest;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'campus-store-down-'));
    ferret = await startFerretDb({ dataDir });
    campus = await startCampus({ mongodbUri: ferret.uri });
  });
  afterAll(async () => {
    await campus?.close().catch(() => undefined);
    await ferret?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with a JSON error and keeps serving', async () => {
    const asEmployee = apiClient(campus.url, await tokenFor(campus.devTenant, ADELE_VANCE_ID));
    expect((await asEmployee('GET', '/api/sessions')).status).toBe(200);
    await ferret.stop();

    const answer = await asEmployee('GET', '/api/sessions');
    expect(answer).toMatchObject({ status: 503, body: { code: 'CAMPUS_ERR_STORE_UNAVAILABLE' } });
    const ready = await apiClient(campus.url, null)('GET', '/readyz');
    expect(ready).toMatchObject({
      status: 503,
      body: { status: 'unavailable', checks: { store: expect.any(String) } },
    });
    expect((await apiClient(campus.url, null)('GET', '/healthz')).status).toBe(200);
  });
});
