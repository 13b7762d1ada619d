/**
 * `npm run bench -- booking`: 1,000 concurrent registrations for 50 seats through HTTP against the real server
 * (own FerretDB, own dev tenant), then the same with 20% of Graph calls failing (429/503). Reports seats held,
 * throughput, latency, Graph requests per confirmed attendee, and checks in Outlook (the dev tenant) that every
 * confirmed attendee is on the event once with one invitation, and nobody twice.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { loadConfig } from '@campus/api/config';
import { startServer } from '@campus/api/server';
import { ensureDevCertificates } from '@campus/infra/dev-ca';
import { startDevTenant, type RunningDevTenant } from '@campus/infra/dev-tenant';
import {
  CAMPUS_ORGANIZERS_GROUP_ID,
  NESTOR_WILKE_ID,
  PATTI_FERNANDEZ_ID,
} from '@campus/infra/dev-tenant/personas';
import { startFerretDb } from '@campus/infra/ferretdb';

/** BOOKING_BENCH_REGISTRATIONS makes a quicker trial run; the bench proper is 1,000. */
const REGISTRATIONS = Number(process.env.BOOKING_BENCH_REGISTRATIONS ?? 1_000);
const SEATS = 50;
/** Requests at once while warming up (tokens, role lookups): not measured. */
const WARM_UP_CONCURRENCY = 50;
const SETTLE_TIMEOUT_MS = 600_000;

/** A JSON call. Node's http client, not fetch: fetch gives up on an answer after 300 s, and a bench must not. */
function call<T>(
  method: string,
  url: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const target = new URL(url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const send = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      { method, headers, agent: target.protocol === 'https:' ? httpsAgent : httpAgent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, body: (text ? JSON.parse(text) : null) as T });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });
const api = { call };

function log(message: string): void {
  process.stderr.write(`[booking] ${message}\n`);
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size)
    await Promise.all(items.slice(start, start + size).map(work));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

interface RunFigures {
  seatsHeld: number;
  /** Confirmed registrations in the store (some may have answered with an error after being confirmed). */
  attendees: number;
  confirmed: number;
  waitlisted: number;
  refusedFull: number;
  otherAnswers: Record<string, number>;
  registrationsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  settleMs: number;
  graphRequests: number;
  graphOperations: number;
  calendarOperations: number;
  byRoute: Record<string, number>;
  throttled: number;
  unavailable: number;
  invitesDelivered: number;
  duplicates: number;
  missing: number;
}

/** One run: a session of 50 seats, 1,000 registrations at once, then waits until Outlook has everything. */
async function runOnce(context: {
  campusUrl: string;
  tenant: RunningDevTenant;
  db: Db;
  organizer: string;
  tokens: string[];
  day: string;
  title: string;
}): Promise<RunFigures> {
  const { campusUrl, tenant, db } = context;
  const dev = (method: string, route: string, body?: unknown) =>
    api.call<Record<string, unknown>>(method, `${tenant.url}/_dev${route}`, null, body);
  await dev('POST', '/stats/reset');
  const created = await api.call<{ id: string }>('POST', `${campusUrl}/api/sessions`, context.organizer, {
    title: context.title,
    abstract: 'Booking benchmark.',
    presenterId: NESTOR_WILKE_ID,
    capacity: SEATS,
    online: true,
    start: { dateTime: `${context.day}T10:00:00`, timeZone: 'Europe/Paris' },
    end: { dateTime: `${context.day}T11:00:00`, timeZone: 'Europe/Paris' },
  });
  if (created.status !== 201)
    throw new Error(`session not created: ${created.status} ${JSON.stringify(created.body)}`);
  const sessionId = created.body.id;

  const latencies: number[] = [];
  const answers = new Map<string, number>();
  const started = performance.now();
  await Promise.all(
    context.tokens.map(async (token) => {
      const begin = performance.now();
      const answer = await api
        .call<{ status?: string; code?: string }>(
          'POST',
          `${campusUrl}/api/sessions/${sessionId}/registrations`,
          token,
        )
        .catch((error: unknown) => ({
          status: 0,
          body: { code: String(error) } as { status?: string; code?: string },
        }));
      latencies.push(performance.now() - begin);
      if (latencies.length % 100 === 0)
        log(`${latencies.length} answered after ${Math.round(performance.now() - started)} ms`);
      const outcome =
        answer.status === 201
          ? (answer.body.status ?? 'created')
          : `${answer.status} ${answer.body.code ?? ''}`.trim();
      answers.set(outcome, (answers.get(outcome) ?? 0) + 1);
    }),
  );
  const elapsedMs = performance.now() - started;

  // Settled: the seats are placed, no confirmed registration waits for its invitation, no Graph write is left.
  const settleStart = performance.now();
  for (;;) {
    const placing = await db.collection('registrations').countDocuments({ sessionId, status: 'requested' });
    const pendingInvites = await db
      .collection('registrations')
      .countDocuments({ sessionId, status: 'confirmed', invite: 'pending' });
    const open = await db
      .collection('outbox')
      .countDocuments({ target: `event:${sessionId}`, status: { $in: ['pending', 'sending'] } });
    const seatsTaken = await db.collection('seats').countDocuments({ sessionId, kind: { $exists: false } });
    // A registration still being placed can only change the attendees while a seat is free.
    if ((placing === 0 || seatsTaken >= SEATS) && pendingInvites === 0 && open === 0) break;
    if (performance.now() - settleStart > SETTLE_TIMEOUT_MS) {
      throw new Error(
        `not settled: ${placing} registrations being placed, ${pendingInvites} invites pending, ${open} outbox items open`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const settleMs = performance.now() - settleStart;

  const stats = (await dev('GET', '/stats')).body as {
    httpRequests: number;
    batchSubRequests: number;
    byRoute: Record<string, number>;
    throttled: number;
    unavailable: number;
  };
  const envelopes = stats.byRoute['POST /v1.0/$batch'] ?? 0;
  // Calendar operations (create, read back, attendee and detail PATCHes), direct or inside $batch calls.
  const calendarOperations = Object.entries(stats.byRoute)
    .filter(([route]) => route.includes('/events'))
    .reduce((sum, [, count]) => sum + count, 0);
  const confirmedMails = (
    await db.collection<{ mail: string }>('registrations').find({ sessionId, status: 'confirmed' }).toArray()
  ).map((r) => r.mail.toLowerCase());
  const seatsHeld = await db.collection('seats').countDocuments({ sessionId, kind: { $exists: false } });

  // Outlook's side: the organizer's event, and the invitations it sent.
  const organizerEvents = [...tenant.state.events.values()].filter(
    (event) => event.ownerId === NESTOR_WILKE_ID && event.subject === context.title,
  );
  if (organizerEvents.length !== 1)
    throw new Error(`expected one Outlook event, found ${organizerEvents.length}`);
  const event = organizerEvents[0]!;
  const onEvent = event.attendees.map((attendee) => attendee.emailAddress.address.toLowerCase());
  const invitations = tenant.state.outbox
    .filter((message) => message.eventId === event.id && message.kind === 'meetingRequest')
    .flatMap((message) => message.toAddresses.map((to) => to.toLowerCase()));
  const invitedOnce = confirmedMails.filter(
    (mail) =>
      invitations.filter((to) => to === mail).length === 1 &&
      onEvent.filter((to) => to === mail).length === 1,
  );
  const duplicates =
    invitations.length - new Set(invitations).size + (onEvent.length - new Set(onEvent).size);
  const confirmed = answers.get('confirmed') ?? 0;
  return {
    seatsHeld,
    attendees: confirmedMails.length,
    confirmed,
    waitlisted: answers.get('waitlisted') ?? 0,
    refusedFull: answers.get('409 CAMPUS_ERR_SESSION_FULL') ?? 0,
    otherAnswers: Object.fromEntries(
      [...answers].filter(
        ([key]) => !['confirmed', 'waitlisted', '409 CAMPUS_ERR_SESSION_FULL'].includes(key),
      ),
    ),
    registrationsPerSecond: round((context.tokens.length / elapsedMs) * 1000, 1),
    p50Ms: round(
      percentile(
        latencies.sort((a, b) => a - b),
        50,
      ),
      1,
    ),
    p99Ms: round(percentile(latencies, 99), 1),
    settleMs: Math.round(settleMs),
    graphRequests: stats.httpRequests,
    graphOperations: stats.httpRequests - envelopes + stats.batchSubRequests,
    calendarOperations,
    byRoute: stats.byRoute,
    throttled: stats.throttled,
    unavailable: stats.unavailable,
    invitesDelivered: invitedOnce.length,
    duplicates,
    missing: confirmedMails.length - invitedOnce.length + (onEvent.length - confirmedMails.length),
  };
}

/** Runs the bench; returns its figures (the runner prints them as one JSON line). */
export default async function bookingBench(): Promise<Record<string, unknown>> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'campus-bench-booking-'));
  const ferret = await startFerretDb({ dataDir });
  const tenant = await startDevTenant({ port: 0, certificates: await ensureDevCertificates(), size: 1_200 });
  const dbName = 'campus_bench_booking';
  const server = await startServer(
    loadConfig({
      PORT: '0',
      MONGODB_URI: ferret.uri,
      MONGODB_DB: dbName,
      AZURE_TENANT_ID: tenant.tenantId,
      AZURE_CLIENT_ID: tenant.campusApp.clientId,
      AZURE_CLIENT_SECRET: tenant.campusApp.clientSecret,
      AZURE_AUTHORITY_HOST: tenant.url,
      GRAPH_BASE_URL: tenant.url,
      API_APP_ID_URI: tenant.campusApp.identifierUri,
      CAMPUS_ORGANIZER_GROUP_ID: CAMPUS_ORGANIZERS_GROUP_ID,
      LOG_LEVEL: 'error',
      CALENDAR_WORKER_INTERVAL_MS: '500',
      TAB_DIR: '/nonexistent-campus-tab',
      // The directory sync (its own Graph and store load) is not what this bench measures.
      DIRECTORY_SYNC_INTERVAL_MS: '0',
    }),
  );
  const mongo = new MongoClient(ferret.uri);
  try {
    await mongo.connect();
    const db = mongo.db(dbName);
    const people = [...tenant.state.users.values()]
      .filter((user) => user.accountEnabled && user.id !== NESTOR_WILKE_ID && user.id !== PATTI_FERNANDEZ_ID)
      .slice(0, REGISTRATIONS);
    if (people.length < REGISTRATIONS)
      throw new Error(`only ${people.length} enabled users in the dev tenant`);
    const token = async (user: string) =>
      (await api.call<{ access_token: string }>('POST', `${tenant.url}/_dev/token`, null, { user })).body
        .access_token;
    const organizer = await token(PATTI_FERNANDEZ_ID);
    log(`warming up ${REGISTRATIONS} users (tokens, role lookups)`);
    const tokens: string[] = [];
    await inBatches(people, WARM_UP_CONCURRENCY, async (person) => {
      const issued = await token(person.id);
      tokens.push(issued);
      await api.call('GET', `${server.url}/api/me`, issued);
    });
    const days = [14, 15].map((ahead) =>
      new Date(Date.now() + ahead * 86_400_000).toISOString().slice(0, 10),
    );

    log('run 1: Graph healthy');
    const healthy = await runOnce({
      campusUrl: server.url,
      tenant,
      db,
      organizer,
      tokens,
      day: days[0]!,
      title: 'Bench: healthy Graph',
    });
    log(JSON.stringify(healthy));
    await inBatches(
      tokens,
      WARM_UP_CONCURRENCY,
      async (issued) => void (await api.call('GET', `${server.url}/api/me`, issued)),
    );
    log('run 2: every fifth Graph call fails, throttled (429) and unavailable (503) in turn');
    await api.call('PUT', `${tenant.url}/_dev/faults`, null, {
      throttleRate: 0.1,
      unavailableRate: 0.1,
      retryAfterSeconds: 1,
      // Batching leaves only a handful of Graph calls per run: an even spread makes sure one in five of them fails.
      spread: 'even',
    });
    const faulty = await runOnce({
      campusUrl: server.url,
      tenant,
      db,
      organizer,
      tokens,
      day: days[1]!,
      title: 'Bench: Graph failing 20%',
    });
    await api.call('DELETE', `${tenant.url}/_dev/faults`, null);
    log(JSON.stringify(faulty));

    const perAttendee = (figures: RunFigures, value: number) =>
      round(value / Math.max(1, figures.attendees), 3);
    return {
      bench: 'booking',
      registrations: REGISTRATIONS,
      seats: SEATS,
      seats_held: healthy.seatsHeld,
      attendees: healthy.attendees,
      answered_confirmed: healthy.confirmed,
      waitlisted: healthy.waitlisted,
      refused_full: healthy.refusedFull,
      other_answers: healthy.otherAnswers,
      registrations_per_second: healthy.registrationsPerSecond,
      p50_ms: healthy.p50Ms,
      p99_ms: healthy.p99Ms,
      settle_ms: healthy.settleMs,
      graph_requests_per_attendee: perAttendee(healthy, healthy.graphRequests),
      graph_operations_per_attendee: perAttendee(healthy, healthy.graphOperations),
      calendar_operations_per_attendee: perAttendee(healthy, healthy.calendarOperations),
      invites_delivered: healthy.invitesDelivered,
      duplicates: healthy.duplicates,
      missing: healthy.missing,
      faults_seats_held: faulty.seatsHeld,
      faults_registrations_per_second: faulty.registrationsPerSecond,
      faults_p50_ms: faulty.p50Ms,
      faults_p99_ms: faulty.p99Ms,
      faults_settle_ms: faulty.settleMs,
      faults_throttled: faulty.throttled,
      faults_unavailable: faulty.unavailable,
      faults_graph_requests_per_attendee: perAttendee(faulty, faulty.graphRequests),
      faults_graph_operations_per_attendee: perAttendee(faulty, faulty.graphOperations),
      faults_calendar_operations_per_attendee: perAttendee(faulty, faulty.calendarOperations),
      faults_invites_delivered: faulty.invitesDelivered,
      faults_duplicates: faulty.duplicates,
      faults_missing: faulty.missing,
      faults_other_answers: faulty.otherAnswers,
    };
  } finally {
    // Every step runs even when one fails, so no FerretDB process or data directory is left behind.
    const steps = [
      () => mongo.close(),
      () => server.close(),
      () => tenant.stop(),
      () => ferret.stop(),
      () => rm(dataDir, { recursive: true, force: true }),
    ];
    for (const step of steps) await step().catch((error: unknown) => log(`cleanup: ${String(error)}`));
  }
}
