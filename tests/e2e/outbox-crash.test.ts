/**
 * The outbox survives a crash between the database write and the Graph call: the real server runs as a child
 * process, is SIGKILLed while its Graph write is on the wire, and a new process on the same database finishes the
 * work. Outlook (the dev tenant) then holds exactly one event and one invitation per attendee. It also survives a
 * crash between a change and the recording of its calendar request (the store relay swallows that insert): the
 * change itself implies the update, which the restarted worker finds.
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
import { devTenantInfo } from '../support/dev-tenant.js';
import { startMongoRelay, type MongoRelay } from '../support/mongo-relay.js';
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
  let mongoRelay: MongoRelay;
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
        MONGODB_URI: mongoRelay.uri,
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
      value: Array<{
        id: string;
        subject: string;
        start: { dateTime: string };
        attendees: Array<{ emailAddress: { address: string } }>;
      }>;
    };
    const booked = events.filter((event) => event.subject === subject);
    const { value: messages } = (await dev('GET', '/outbox')) as {
      value: Array<{ kind: string; subject: string; toAddresses: string[] }>;
    };
    const about = messages.filter(
      (message) => message.subject === subject || message.subject === `Canceled: ${subject}`,
    );
    const recipients = (kind: string) =>
      about
        .filter((message) => message.kind === kind)
        .flatMap((message) => message.toAddresses.map((to) => to.toLowerCase()))
        .sort();
    return {
      events: booked,
      attendees: booked
        .flatMap((event) => event.attendees.map((attendee) => attendee.emailAddress.address.toLowerCase()))
        .sort(),
      invitations: recipients('meetingRequest'),
      updates: recipients('meetingUpdate'),
      cancellations: recipients('meetingCancellation'),
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
    info = devTenantInfo(tenant);
    relay = startGraphRelay(Number(new URL(tenant.url).port));
    graphUrl = `https://localhost:${await relay.listen()}`;
    mongoRelay = await startMongoRelay(inject('mongodbUri'));
    mongo = new MongoClient(inject('mongodbUri'));
    await mongo.connect();
    db = mongo.db(dbName);
  });
  afterAll(async () => {
    for (const child of [...children]) await child.kill();
    await relay?.close();
    await mongoRelay?.close();
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
    expect(booked.cancellations).toEqual([]);
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
  const adeleMail = 'adelev@contoso-dev.onmicrosoft.com';
  const alexMail = 'alexw@contoso-dev.onmicrosoft.com';

  /** A session Nestor presents, with these people registered and on its Outlook event. */
  async function bookedSession(child: CampusChild, subject: string, time: string, people: string[]) {
    const asOrganizer = apiClient(child.url, await tokenFor(info, PATTI_FERNANDEZ_ID));
    const [hours, minutes] = time.split(':').map(Number);
    const end = `${String(hours! + 1).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:00`;
    const created = await asOrganizer<{ id: string }>('POST', '/api/sessions', {
      title: subject,
      abstract: 'A crash test session.',
      presenterId: NESTOR_WILKE_ID,
      start: nextWeek(`${time}:00`),
      end: nextWeek(end),
      capacity: 5,
      online: true,
    });
    expect(created.status).toBe(201);
    for (const person of people) {
      const registered = await apiClient(child.url, await tokenFor(info, person))(
        'POST',
        `/api/sessions/${created.body.id}/registrations`,
      );
      expect(registered.status).toBe(201);
    }
    await vi.waitFor(async () => expect((await outlook(subject)).attendees).toHaveLength(people.length), {
      timeout: 30_000,
      interval: 100,
    });
    await vi.waitFor(async () => expect(await openItems(created.body.id)).toBe(0), {
      timeout: 30_000,
      interval: 100,
    });
    return { id: created.body.id, asOrganizer };
  }

  /** Kills `child` when it is about to record a calendar request: its change is stored, the request is not. */
  async function killBeforeCalendarRequest(
    child: CampusChild,
    change: () => Promise<unknown>,
  ): Promise<void> {
    const swallowed = mongoRelay.swallowNext(
      (command) => command.insert === 'outbox' && command.$db === dbName,
    );
    const changing = change().catch(() => null);
    await swallowed;
    await child.kill();
    await changing;
  }

  it('takes a cancelled attendee off the event exactly once when the process dies before requesting it', async () => {
    const subject = 'Intune compliance policies';
    const first = await startChild();
    const { id } = await bookedSession(first, subject, '16:00', [ADELE_VANCE_ID, ALEX_WILBER_ID]);
    const asAlex = apiClient(first.url, await tokenFor(info, ALEX_WILBER_ID));

    await killBeforeCalendarRequest(first, () => asAlex('DELETE', `/api/sessions/${id}/registrations/me`));
    // The cancellation is stored, its request is not, and Outlook still has Alex: the data alone says what is owed.
    const alexRegistration = () =>
      db.collection('registrations').findOne({ sessionId: id, userId: ALEX_WILBER_ID });
    expect(await alexRegistration()).toMatchObject({ status: 'cancelled', invite: 'sent' });
    expect(await openItems(id)).toBe(0);
    expect((await outlook(subject)).attendees).toEqual([adeleMail, alexMail]);

    const second = await startChild();
    await vi.waitFor(async () => expect((await outlook(subject)).attendees).toEqual([adeleMail]), {
      timeout: 60_000,
      interval: 250,
    });
    await vi.waitFor(async () => expect(await openItems(id)).toBe(0), { timeout: 30_000, interval: 250 });
    expect(await alexRegistration()).toMatchObject({ status: 'cancelled', invite: 'pending' });
    const booked = await outlook(subject);
    expect(booked.events).toHaveLength(1);
    expect(booked.invitations).toEqual([adeleMail, alexMail]);
    expect(booked.cancellations).toEqual([alexMail]);
    expect(booked.updates).toEqual([]);
    await second.kill();
  });

  it('moves the event to the new time exactly once when the process dies before requesting it', async () => {
    const subject = 'Defender for Endpoint triage';
    const first = await startChild();
    const { id, asOrganizer } = await bookedSession(first, subject, '08:00', [ADELE_VANCE_ID]);
    const moved = { start: nextWeek('13:00:00'), end: nextWeek('14:00:00') };

    await killBeforeCalendarRequest(first, () => asOrganizer('PATCH', `/api/sessions/${id}`, moved));
    const stored = () =>
      db
        .collection<{
          _id: string;
          start: { dateTime: string };
          calendar: { pendingUpdate?: string | null };
        }>('sessions')
        .findOne({ _id: id });
    expect(await stored()).toMatchObject({
      start: { dateTime: moved.start.dateTime },
      calendar: { pendingUpdate: expect.any(String) },
    });
    expect(await openItems(id)).toBe(0);
    expect((await outlook(subject)).events[0]!.start.dateTime).toContain('T08:00:00');

    const second = await startChild();
    await vi.waitFor(
      async () => expect((await outlook(subject)).events[0]!.start.dateTime).toContain('T13:00:00'),
      {
        timeout: 60_000,
        interval: 250,
      },
    );
    await vi.waitFor(async () => expect((await stored())?.calendar.pendingUpdate).toBeNull(), {
      timeout: 30_000,
      interval: 250,
    });
    expect(await openItems(id)).toBe(0);
    const booked = await outlook(subject);
    expect(booked.events).toHaveLength(1);
    expect(booked.attendees).toEqual([adeleMail]);
    expect(booked.invitations).toEqual([adeleMail]);
    expect(booked.updates).toEqual([adeleMail]);
    expect(booked.cancellations).toEqual([]);
    await second.kill();
  });
});
