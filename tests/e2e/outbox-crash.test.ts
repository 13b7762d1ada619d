/**
 * The outbox survives a crash between the database write and the Graph call: the real server runs as a child
 * process, is SIGKILLed while its Graph write is on the wire, and a new process on the same database finishes the
 * work. Outlook (the dev tenant) then holds exactly one event and one invitation per attendee.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { ensureDevCertificates, extraCaCertsWithDevCa } from '@campus/infra/dev-ca';
import { startDevTenant, type RunningDevTenant } from '@campus/infra/dev-tenant';
import { repoRoot } from '@campus/infra/paths';
import {
  ADELE_VANCE_ID,
  ALEX_WILBER_ID,
  CAMPUS_ORGANIZERS_GROUP_ID,
  NESTOR_WILKE_ID,
  PATTI_FERNANDEZ_ID,
} from '@campus/infra/dev-tenant/personas';
import { apiClient, tokenFor } from '../support/campus-server.js';
import type { DevTenantInfo } from '../support/provided-context.js';

/**
 * A TCP relay in front of the dev tenant's Graph. When the server dies it keeps the Graph side open, so the request
 * in flight completes in Outlook and only its answer is lost: the worst case for duplicates.
 */
function startGraphRelay(targetPort: number) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      if (!client.destroyed) client.write(chunk);
    });
    upstream.on('close', () => client.destroy());
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  return {
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
      ),
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface CampusChild {
  url: string;
  process: ChildProcess;
  kill(): Promise<void>;
}

describe('a crash between the database write and the Graph call', () => {
  let tenant: RunningDevTenant;
  let info: DevTenantInfo;
  let relay: ReturnType<typeof startGraphRelay>;
  let graphUrl: string;
  let caCerts: string;
  let mongo: MongoClient;
  let db: Db;
  const dbName = `campus_crash_${randomUUID().slice(0, 8)}`;
  const children = new Set<CampusChild>();

  /** Starts `node --import tsx api/src/server.ts` on this file's database; resolves once it listens. */
  async function startChild(): Promise<CampusChild> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/server.ts'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_EXTRA_CA_CERTS: caCerts,
        PORT: '0',
        MONGODB_URI: inject('mongodbUri'),
        MONGODB_DB: dbName,
        AZURE_TENANT_ID: info.tenantId,
        AZURE_CLIENT_ID: info.clientId,
        AZURE_CLIENT_SECRET: info.clientSecret,
        AZURE_AUTHORITY_HOST: info.url,
        GRAPH_BASE_URL: graphUrl,
        API_APP_ID_URI: info.apiAppIdUri,
        CAMPUS_ORGANIZER_GROUP_ID: CAMPUS_ORGANIZERS_GROUP_ID,
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
        CALENDAR_WORKER_INTERVAL_MS: '200',
        TAB_DIR: '/nonexistent-campus-tab',
      },
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (listening) resolve(listening[1]!);
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) =>
        reject(new Error(`Campus exited with ${code} before listening:\n${output}`)),
      );
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const running: CampusChild = {
      url,
      process: child,
      async kill() {
        child.kill('SIGKILL');
        await exited;
        children.delete(running);
      },
    };
    children.add(running);
    return running;
  }

  async function dev(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${info.url}/_dev${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    expect(response.ok).toBe(true);
    return response.status === 204 ? null : response.json();
  }

  /** The organizer's event and the meeting messages it sent, from Outlook's side. */
  async function outlook(subject: string) {
    const { value: events } = (await dev('GET', `/calendars/${NESTOR_WILKE_ID}/events`)) as {
      value: Array<{ id: string; subject: string; attendees: Array<{ emailAddress: { address: string } }> }>;
    };
    const booked = events.filter((event) => event.subject === subject);
    const { value: messages } = (await dev('GET', '/outbox')) as {
      value: Array<{ kind: string; subject: string; toAddresses: string[] }>;
    };
    const about = messages.filter(
      (message) => message.subject === subject || message.subject === `Canceled: ${subject}`,
    );
    return {
      events: booked,
      attendees: booked
        .flatMap((event) => event.attendees.map((attendee) => attendee.emailAddress.address.toLowerCase()))
        .sort(),
      invitations: about
        .filter((message) => message.kind === 'meetingRequest')
        .flatMap((message) => message.toAddresses.map((to) => to.toLowerCase()))
        .sort(),
      cancellations: about.filter((message) => message.kind === 'meetingCancellation').length,
    };
  }

  /** Kills the server once `ready` holds and the dev tenant is holding its Graph write (a delay fault): mid-call. */
  async function killDuringGraphCall(child: CampusChild, ready: () => Promise<boolean>): Promise<void> {
    await vi.waitFor(
      async () => {
        expect(await ready()).toBe(true);
        expect(((await dev('GET', '/stats')) as { delayedNow: number }).delayedNow).toBeGreaterThan(0);
      },
      { timeout: 20_000, interval: 10 },
    );
    await child.kill();
  }

  async function openItems(sessionId: string): Promise<number> {
    return db
      .collection('outbox')
      .countDocuments({ target: `event:${sessionId}`, status: { $in: ['pending', 'sending'] } });
  }

  const nextWeek = (time: string) => ({
    dateTime: `${new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)}T${time}`,
    timeZone: 'Europe/London',
  });

  beforeAll(async () => {
    const certificates = await ensureDevCertificates();
    caCerts = await extraCaCertsWithDevCa(certificates.caCertPath);
    // A dev tenant of its own: its faults must not reach other test files.
    tenant = await startDevTenant({ port: 0, certificates, size: 200 });
    info = {
      url: tenant.url,
      tenantId: tenant.tenantId,
      authorityUrl: tenant.authorityUrl,
      clientId: tenant.campusApp.clientId,
      clientSecret: tenant.campusApp.clientSecret,
      apiAppIdUri: tenant.campusApp.identifierUri,
    };
    relay = startGraphRelay(Number(new URL(tenant.url).port));
    graphUrl = `https://localhost:${await relay.listen()}`;
    mongo = new MongoClient(inject('mongodbUri'));
    await mongo.connect();
    db = mongo.db(dbName);
  });
  afterAll(async () => {
    for (const child of [...children]) await child.kill();
    await relay?.close();
    await tenant?.stop();
    await mongo?.db(dbName).dropDatabase();
    await mongo?.close();
  });

  it('adds the attendee exactly once when the process dies while its attendee write is on the wire', async () => {
    const subject = 'Power BI row-level security';
    const first = await startChild();
    const asOrganizer = apiClient(first.url, await tokenFor(info, PATTI_FERNANDEZ_ID));
    const created = await asOrganizer<{ id: string; calendarEventBooked: boolean }>('POST', '/api/sessions', {
      title: subject,
      abstract: 'Roles, DAX filters and testing them.',
      presenterId: NESTOR_WILKE_ID,
      start: nextWeek('10:00:00'),
      end: nextWeek('11:00:00'),
      capacity: 5,
      online: true,
    });
    expect(created.body.calendarEventBooked).toBe(true);
    const adele = await tokenFor(info, ADELE_VANCE_ID);
    const alex = await tokenFor(info, ALEX_WILBER_ID);
    expect(
      (await apiClient(first.url, adele)('POST', `/api/sessions/${created.body.id}/registrations`)).status,
    ).toBe(201);
    // Alex's roles are looked up (through Graph) before the crash, so the only Graph call left is the attendee write.
    expect((await apiClient(first.url, alex)('GET', '/api/me')).status).toBe(200);

    await dev('PUT', '/faults', { delayMs: 3_000, pathPattern: '/events/' });
    const registering = apiClient(first.url, alex)(
      'POST',
      `/api/sessions/${created.body.id}/registrations`,
    ).catch(() => null);
    await killDuringGraphCall(first, async () => (await openItems(created.body.id)) > 0);
    await registering;
    // The write the dead process sent lands in Outlook; nobody recorded it.
    await vi.waitFor(async () => expect((await outlook(subject)).attendees).toHaveLength(2), {
      timeout: 15_000,
      interval: 100,
    });
    await dev('DELETE', '/faults');

    const second = await startChild();
    // The dead process's claim expires, the new worker delivers the open intent again.
    await vi.waitFor(async () => expect(await openItems(created.body.id)).toBe(0), {
      timeout: 60_000,
      interval: 250,
    });
    const mine = await apiClient(second.url, alex)<{ sessions: Array<{ registration: { invite: string } }> }>(
      'GET',
      '/api/me/sessions',
    );
    expect(mine.body.sessions.map((item) => item.registration.invite)).toEqual(['sent']);
    const booked = await outlook(subject);
    expect(booked.events).toHaveLength(1);
    expect(booked.attendees).toEqual([
      'adelev@contoso-dev.onmicrosoft.com',
      'alexw@contoso-dev.onmicrosoft.com',
    ]);
    expect(booked.invitations).toEqual(booked.attendees);
    expect(booked.cancellations).toBe(0);
    await second.kill();
  });

  it('creates the event exactly once when the process dies while creating it', async () => {
    const subject = 'SAP month-end close';
    const first = await startChild();
    const asOrganizer = apiClient(first.url, await tokenFor(info, PATTI_FERNANDEZ_ID));
    expect((await asOrganizer('GET', '/api/me')).status).toBe(200);

    await dev('PUT', '/faults', { delayMs: 3_000, pathPattern: '/events$' });
    const creating = asOrganizer('POST', '/api/sessions', {
      title: subject,
      abstract: 'Accruals, reconciliations and the checklist.',
      presenterId: NESTOR_WILKE_ID,
      start: nextWeek('14:00:00'),
      end: nextWeek('15:00:00'),
      capacity: 5,
      online: true,
    }).catch(() => null);
    const stored = async () =>
      db.collection<{ _id: string; title: string }>('sessions').findOne({ title: subject });
    await killDuringGraphCall(first, async () => {
      const session = await stored();
      return session !== null && (await openItems(session._id)) > 0;
    });
    await creating;
    await vi.waitFor(async () => expect((await outlook(subject)).events).toHaveLength(1), {
      timeout: 15_000,
      interval: 100,
    });
    await dev('DELETE', '/faults');

    const second = await startChild();
    const sessionId = (await stored())!._id;
    const adele = apiClient(second.url, await tokenFor(info, ADELE_VANCE_ID));
    await vi.waitFor(
      async () => {
        const one = await adele<{ calendarEventBooked: boolean; joinUrl: string | null }>(
          'GET',
          `/api/sessions/${sessionId}`,
        );
        expect(one.body).toMatchObject({
          calendarEventBooked: true,
          joinUrl: expect.stringContaining('teams.microsoft.com'),
        });
      },
      { timeout: 60_000, interval: 250 },
    );
    expect((await adele('POST', `/api/sessions/${sessionId}/registrations`)).status).toBe(201);
    await vi.waitFor(async () => expect(await openItems(sessionId)).toBe(0), {
      timeout: 30_000,
      interval: 250,
    });
    const booked = await outlook(subject);
    expect(booked.events).toHaveLength(1);
    expect(booked.attendees).toEqual(['adelev@contoso-dev.onmicrosoft.com']);
    expect(booked.invitations).toEqual(['adelev@contoso-dev.onmicrosoft.com']);
    await second.kill();
  });
});
