import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADELE_VANCE_ID, ALEX_WILBER_ID, MEGAN_BOWEN_ID, NESTOR_WILKE_ID, PATTI_FERNANDEZ_ID } from '@campus/infra/dev-tenant/personas';
import { createCalendarGateway, createGraphGateway, createMailGateway, createPeopleDirectory } from '../../api/src/adapters/graph/index.js';
import { createMongoStores } from '../../api/src/adapters/mongo/index.js';
import { createCampus, type Campus } from '../../api/src/domain/campus.js';
import { apiClient, startCampus, tokenFor, type CampusUnderTest } from '../support/campus-server.js';

type Client = ReturnType<typeof apiClient>;

interface RegistrationView {
  id: string;
  sessionId: string;
  status: string;
  seat: number | null;
  waitlistPosition: number | null;
  closedBy: { userId: string | null; role: string } | null;
}
interface AttendeeView extends RegistrationView {
  userId: string;
  mail: string;
  arrival: { at: string; seq: number };
  historyUrl: string;
}
interface ChangeView {
  from: string | null;
  to: string;
  at: string;
  by: { userId: string | null; role: string };
  reason: string | null;
}

/** A wall-clock time `days` from now in UTC, in the form the API takes. */
function at(days: number, time: string) {
  return { dateTime: `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`, timeZone: 'UTC' };
}

function newSession(overrides: Record<string, unknown>) {
  return { title: 'Power BI for month-end', abstract: 'The month-end pack, step by step.', presenterId: NESTOR_WILKE_ID, capacity: 10, online: true, ...overrides };
}

/** Reads until `done` holds: for work the server finishes after answering (Outlook delivery). The test's timeout bounds it. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const byArrival = (a: AttendeeView, b: AttendeeView) => a.arrival.at.localeCompare(b.arrival.at) || a.arrival.seq - b.arrival.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('the registration lifecycle through real HTTP, FerretDB and the dev tenant', () => {
  let campus: CampusUnderTest;
  let asOrganizer: Client;
  /** A second Campus on the same database, as the approval feature will act: deciding and cancelling as a supervisor. */
  let approvals: Campus;
  let mongo: MongoClient;
  const clients = new Map<string, Client>();

  async function as(userId: string): Promise<Client> {
    if (!clients.has(userId)) clients.set(userId, apiClient(campus.url, await tokenFor(campus.devTenant, userId)));
    return clients.get(userId)!;
  }

  async function createSession(body: Record<string, unknown>): Promise<string> {
    const created = await asOrganizer<{ id: string }>('POST', '/api/sessions', newSession(body));
    expect(created.status).toBe(201);
    return created.body.id;
  }

  async function registrationsOf(sessionId: string): Promise<AttendeeView[]> {
    const listed = await asOrganizer<{ registrations: AttendeeView[] }>('GET', `/api/sessions/${sessionId}/registrations`);
    expect(listed.status).toBe(200);
    return listed.body.registrations;
  }

  async function historyOf(client: Client, registration: { historyUrl: string } | { id: string }): Promise<string[]> {
    const url = 'historyUrl' in registration ? registration.historyUrl : `/api/registrations/${registration.id}/history`;
    const history = await client<{ changes: ChangeView[] }>('GET', url);
    expect(history.status).toBe(200);
    return history.body.changes.map((change) => `${change.from ?? '∅'}→${change.to} by ${change.by.role}`);
  }

  async function attendeesOf(sessionId: string): Promise<string[]> {
    const session = await asOrganizer<{ title: string }>('GET', `/api/sessions/${sessionId}`);
    const response = await fetch(`${campus.devTenant.url}/_dev/calendars/${NESTOR_WILKE_ID}/events`);
    const events = ((await response.json()) as { value: Array<{ subject: string; transactionId?: string; attendees: Array<{ emailAddress: { address: string } }> }> }).value;
    const event = events.find((candidate) => candidate.subject === session.body.title);
    return (event?.attendees ?? []).map((attendee) => attendee.emailAddress.address.toLowerCase()).sort();
  }

  async function notificationsOf(client: Client, sessionId: string): Promise<Array<{ kind: string; message: string }>> {
    const listed = await client<{ notifications: Array<{ kind: string; message: string; sessionId: string }> }>('GET', '/api/me/notifications?limit=100');
    return listed.body.notifications.filter((notification) => notification.sessionId === sessionId);
  }

  beforeAll(async () => {
    campus = await startCampus();
    asOrganizer = await as(PATTI_FERNANDEZ_ID);
    mongo = new MongoClient(inject('mongodbUri'));
    const graph = createGraphGateway({
      tenantId: campus.devTenant.tenantId,
      clientId: campus.devTenant.clientId,
      clientSecret: campus.devTenant.clientSecret,
      authorityHost: campus.devTenant.url,
      graphBaseUrl: campus.devTenant.url,
    });
    approvals = createCampus({
      ...createMongoStores(mongo.db(campus.dbName)),
      people: createPeopleDirectory(graph),
      calendar: createCalendarGateway(graph),
      mail: createMailGateway(graph),
      clock: { now: () => new Date() },
      ids: { newId: randomUUID },
      holderId: `approvals-${randomUUID()}`,
      logger: { warn: () => undefined },
    });
  });
  afterAll(async () => {
    await approvals?.calendarIdle();
    await mongo?.close();
    await campus?.close();
  });

  it('waitlists when full, promotes on cancellation and tells the person, refuses overlaps, records every change', async () => {
    const sessionId = await createSession({ title: 'Waitlist walk-through', capacity: 1, start: at(12, '09:00:00'), end: at(12, '10:00:00') });
    const [adele, alex, megan] = await Promise.all([as(ADELE_VANCE_ID), as(ALEX_WILBER_ID), as(MEGAN_BOWEN_ID)]);

    expect((await adele<RegistrationView>('POST', `/api/sessions/${sessionId}/registrations`)).body).toMatchObject({ status: 'confirmed', seat: 1 });
    expect((await alex<RegistrationView>('POST', `/api/sessions/${sessionId}/registrations`)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await megan<RegistrationView>('POST', `/api/sessions/${sessionId}/registrations`)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    expect(await adele('POST', `/api/sessions/${sessionId}/registrations`)).toMatchObject({ status: 409, body: { code: 'CAMPUS_ERR_ALREADY_REGISTERED' } });
    const adeleMail = (await adele<{ mail: string }>('GET', '/api/me')).body.mail.toLowerCase();
    expect(await eventually(() => attendeesOf(sessionId), (mails) => mails.length === 1)).toEqual([adeleMail]);

    const overlapping = await createSession({ title: 'Same morning', start: at(12, '09:30:00'), end: at(12, '10:30:00') });
    const refused = await adele('POST', `/api/sessions/${overlapping}/registrations`);
    expect(refused).toMatchObject({ status: 409, body: { code: 'CAMPUS_ERR_SCHEDULE_CONFLICT', details: { sessionId } } });
    expect(await registrationsOf(overlapping)).toEqual([]);

    const cancelled = await adele<RegistrationView>('DELETE', `/api/sessions/${sessionId}/registrations/me`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', closedBy: { userId: ADELE_VANCE_ID, role: 'employee' } });
    const listed = await registrationsOf(sessionId);
    expect(listed.map((registration) => [registration.userId, registration.status, registration.waitlistPosition])).toEqual([
      [ADELE_VANCE_ID, 'cancelled', null],
      [ALEX_WILBER_ID, 'confirmed', null],
      [MEGAN_BOWEN_ID, 'waitlisted', 1],
    ]);
    expect((await notificationsOf(alex, sessionId)).map((notification) => notification.kind)).toEqual(['promoted', 'waitlisted']);
    const alexMail = (await alex<{ mail: string }>('GET', '/api/me')).body.mail.toLowerCase();
    expect(await eventually(() => attendeesOf(sessionId), (mails) => mails.includes(alexMail) && !mails.includes(adeleMail))).toEqual([alexMail]);
    expect(await historyOf(alex, listed[1]!)).toEqual([
      '∅→requested by employee',
      'requested→waitlisted by employee',
      'waitlisted→promoted by system',
      'promoted→confirmed by system',
    ]);

    // Now free of the morning session, Adele may take the overlapping one; registering again for the first puts her at the back.
    expect((await adele('POST', `/api/sessions/${overlapping}/registrations`)).status).toBe(201);
    await adele('DELETE', `/api/sessions/${overlapping}/registrations/me`);
    expect((await adele<RegistrationView>('POST', `/api/sessions/${sessionId}/registrations`)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

    const meganRegistration = listed[2]!;
    expect(await alex('POST', `/api/registrations/${meganRegistration.id}/cancel`, {})).toMatchObject({ status: 403, body: { code: 'CAMPUS_ERR_FORBIDDEN' } });
    const byOrganizer = await asOrganizer<RegistrationView>('POST', `/api/registrations/${meganRegistration.id}/cancel`, { reason: 'Booked twice by mistake' });
    expect(byOrganizer.body).toMatchObject({ status: 'cancelled', closedBy: { userId: PATTI_FERNANDEZ_ID, role: 'organizer' } });
    expect((await notificationsOf(megan, sessionId))[0]).toMatchObject({ kind: 'cancelled', message: expect.stringContaining('Booked twice by mistake') });
  });

  it('holds seats for supervisor approval: approve confirms, decline promotes the next, a supervisor may cancel', async () => {
    const sessionId = await createSession({ title: 'Approval walk-through', capacity: 1, approval: 'supervisor', start: at(13, '14:00:00'), end: at(13, '15:00:00') });
    const [adele, alex, megan] = await Promise.all([as(ADELE_VANCE_ID), as(ALEX_WILBER_ID), as(MEGAN_BOWEN_ID)]);
    const first = await adele<RegistrationView>('POST', `/api/sessions/${sessionId}/registrations`);
    expect(first.body).toMatchObject({ status: 'pendingApproval', seat: 1 });
    const second = await alex<RegistrationView>('POST', `/api/sessions/${sessionId}/registrations`);
    expect(second.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const third = await megan<RegistrationView>('POST', `/api/sessions/${sessionId}/registrations`);
    const scope = { tenantId: campus.devTenant.tenantId, userId: MEGAN_BOWEN_ID };

    await approvals.decideApproval(scope, first.body.id, 'decline', 'Month-end close that week');
    expect((await adele<RegistrationView>('GET', `/api/registrations/${first.body.id}`)).body).toMatchObject({ status: 'declined', seat: null, closedBy: { role: 'supervisor' } });
    expect((await alex<RegistrationView>('GET', `/api/registrations/${second.body.id}`)).body).toMatchObject({ status: 'pendingApproval', seat: 1 });
    expect((await notificationsOf(adele, sessionId))[0]).toMatchObject({ kind: 'declined', message: expect.stringContaining('Month-end close') });

    await approvals.decideApproval(scope, second.body.id, 'approve', null);
    await approvals.decideApproval(scope, second.body.id, 'approve', null);
    expect((await alex<RegistrationView>('GET', `/api/registrations/${second.body.id}`)).body).toMatchObject({ status: 'confirmed', seat: 1 });
    expect(await historyOf(alex, second.body)).toEqual([
      '∅→requested by employee',
      'requested→waitlisted by employee',
      'waitlisted→promoted by system',
      'promoted→pendingApproval by system',
      'pendingApproval→approved by supervisor',
      'approved→confirmed by system',
    ]);
    const alexMail = (await alex<{ mail: string }>('GET', '/api/me')).body.mail.toLowerCase();
    expect(await eventually(() => attendeesOf(sessionId), (mails) => mails.includes(alexMail))).toEqual([alexMail]);

    await approvals.cancelRegistration(scope, second.body.id, { userId: MEGAN_BOWEN_ID, role: 'supervisor' }, 'Needed on the audit');
    expect((await alex<RegistrationView>('GET', `/api/registrations/${second.body.id}`)).body).toMatchObject({ status: 'cancelled', closedBy: { userId: MEGAN_BOWEN_ID, role: 'supervisor' } });
    expect((await megan<RegistrationView>('GET', `/api/registrations/${third.body.id}`)).body).toMatchObject({ status: 'pendingApproval', seat: 1 });
    expect(await eventually(() => attendeesOf(sessionId), (mails) => mails.length === 0)).toEqual([]);
  });

  it('lets organizers change and cancel a session: registrants follow, the Outlook meeting is cancelled', async () => {
    const sessionId = await createSession({ title: 'Session to change', capacity: 1, start: at(14, '09:00:00'), end: at(14, '10:00:00') });
    const [adele, alex] = await Promise.all([as(ADELE_VANCE_ID), as(ALEX_WILBER_ID)]);
    await adele('POST', `/api/sessions/${sessionId}/registrations`);
    await alex('POST', `/api/sessions/${sessionId}/registrations`);
    expect(await adele('PATCH', `/api/sessions/${sessionId}`, { capacity: 5 })).toMatchObject({ status: 403, body: { code: 'CAMPUS_ERR_FORBIDDEN' } });
    expect((await asOrganizer('PATCH', `/api/sessions/${sessionId}`, { capacity: 2 })).body).toMatchObject({ capacity: 2, seatsTaken: 2 });
    expect((await registrationsOf(sessionId)).map((registration) => registration.status)).toEqual(['confirmed', 'confirmed']);
    expect(await asOrganizer('PATCH', `/api/sessions/${sessionId}`, { capacity: 1 })).toMatchObject({ status: 409, body: { code: 'CAMPUS_ERR_CAPACITY_BELOW_TAKEN' } });
    const moved = await asOrganizer('PATCH', `/api/sessions/${sessionId}`, { start: at(14, '11:00:00'), end: at(14, '12:00:00') });
    expect(moved.body).toMatchObject({ start: at(14, '11:00:00'), capacity: 2 });
    expect((await notificationsOf(adele, sessionId))[0]).toMatchObject({ kind: 'rescheduled' });

    const cancelled = await asOrganizer('POST', `/api/sessions/${sessionId}/cancel`, { message: 'Nestor is on leave' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellation: { message: 'Nestor is on leave' } });
    expect((await registrationsOf(sessionId)).map((registration) => [registration.status, registration.closedBy?.role])).toEqual([
      ['cancelled', 'organizer'],
      ['cancelled', 'organizer'],
    ]);
    expect((await notificationsOf(alex, sessionId))[0]).toMatchObject({ kind: 'sessionCancelled', message: expect.stringContaining('Nestor is on leave') });
    expect(await adele('POST', `/api/sessions/${sessionId}/registrations`)).toMatchObject({ status: 409, body: { code: 'CAMPUS_ERR_SESSION_NOT_OPEN' } });
    const events = async () => {
      const response = await fetch(`${campus.devTenant.url}/_dev/calendars/${NESTOR_WILKE_ID}/events`);
      return ((await response.json()) as { value: Array<{ subject: string; isCancelled?: boolean }> }).value.filter((event) => event.subject === 'Session to change');
    };
    await eventually(events, (found) => found.length === 0 || found.every((event) => event.isCancelled === true));
  });

  it('records attendance once the session has started, and not before', async () => {
    const startsAt = new Date(Date.now() + 15_000);
    const local = (date: Date) => ({ dateTime: date.toISOString().slice(0, 19), timeZone: 'UTC' });
    const sessionId = await createSession({ title: 'Starting soon', capacity: 2, start: local(startsAt), end: local(new Date(startsAt.getTime() + 3_600_000)) });
    const adele = await as(ADELE_VANCE_ID);
    const alex = await as(ALEX_WILBER_ID);
    await adele('POST', `/api/sessions/${sessionId}/registrations`);
    const early = await asOrganizer('POST', `/api/sessions/${sessionId}/attendance`, { userId: ADELE_VANCE_ID, attended: true });
    expect(early).toMatchObject({ status: 409, body: { code: 'CAMPUS_ERR_SESSION_NOT_STARTED' } });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, startsAt.getTime() - Date.now() + 1000)));
    expect((await asOrganizer('POST', `/api/sessions/${sessionId}/attendance`, { userId: ADELE_VANCE_ID, attended: true })).body).toMatchObject({ status: 'attended' });
    expect((await asOrganizer('POST', `/api/sessions/${sessionId}/attendance`, { userId: ADELE_VANCE_ID, attended: false })).body).toMatchObject({ status: 'noShow' });
    expect(await asOrganizer('POST', `/api/sessions/${sessionId}/attendance`, { userId: ALEX_WILBER_ID, attended: true })).toMatchObject({ status: 404, body: { code: 'CAMPUS_ERR_REGISTRATION_NOT_FOUND' } });
    expect(await alex('POST', `/api/sessions/${sessionId}/registrations`)).toMatchObject({ status: 409, body: { code: 'CAMPUS_ERR_SESSION_NOT_OPEN' } });
    expect(await historyOf(adele, (await registrationsOf(sessionId))[0]!)).toEqual([
      '∅→requested by employee',
      'requested→confirmed by employee',
      'confirmed→attended by organizer',
      'attended→noShow by organizer',
    ]);
  });

  it('answers bad input with a 4xx naming the problem, changing nothing', async () => {
    const sessionId = await createSession({ title: 'Bad input', capacity: 3, start: at(15, '09:00:00'), end: at(15, '10:00:00') });
    const adele = await as(ADELE_VANCE_ID);
    expect(await adele('POST', '/api/sessions/00000000-0000-4000-8000-000000000000/registrations')).toMatchObject({ status: 404, body: { code: 'CAMPUS_ERR_SESSION_NOT_FOUND' } });
    expect(await adele('POST', '/api/sessions/bad-id/registrations')).toMatchObject({ status: 400, body: { details: { field: '/sessionId' } } });
    expect(await adele('GET', '/api/registrations/bad-id/history')).toMatchObject({ status: 400, body: { details: { field: '/registrationId' } } });
    expect(await adele('DELETE', `/api/sessions/${sessionId}/registrations/me`)).toMatchObject({ status: 404, body: { code: 'CAMPUS_ERR_REGISTRATION_NOT_FOUND' } });
    expect(await asOrganizer('POST', `/api/sessions/${sessionId}/attendance`, { userId: 'adele', attended: true })).toMatchObject({ status: 400, body: { details: { field: '/userId' } } });
    expect(await registrationsOf(sessionId)).toEqual([]);
  });

  it('gives 1,000 simultaneous registrations for 50 seats exactly 50 seats and 950 waitlist places in arrival order', { timeout: 900_000 }, async () => {
    const graphToken = await fetch(`${campus.devTenant.url}/_dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: PATTI_FERNANDEZ_ID, audience: 'https://graph.microsoft.com' }),
    }).then(async (response) => ((await response.json()) as { access_token: string }).access_token);
    const people: string[] = [];
    const personas = new Set([PATTI_FERNANDEZ_ID, NESTOR_WILKE_ID, ADELE_VANCE_ID, ALEX_WILBER_ID, MEGAN_BOWEN_ID]);
    for (let url: string | undefined = `${campus.devTenant.url}/v1.0/users?$select=id,accountEnabled&$top=999`; url && people.length < 1000; ) {
      const page = (await fetch(url, { headers: { authorization: `Bearer ${graphToken}` } }).then((response) => response.json())) as {
        value: Array<{ id: string; accountEnabled: boolean }>;
        '@odata.nextLink'?: string;
      };
      people.push(...page.value.filter((user) => user.accountEnabled && !personas.has(user.id)).map((user) => user.id));
      url = page['@odata.nextLink'];
    }
    const crowd = people.slice(0, 1000);
    expect(crowd).toHaveLength(1000);
    // Signing in first (tokens, and the roles Campus looks up once per person), so the burst is registrations only.
    const tokens = new Map<string, string>();
    for (let start = 0; start < crowd.length; start += 50) {
      await Promise.all(
        crowd.slice(start, start + 50).map(async (userId) => {
          tokens.set(userId, await tokenFor(campus.devTenant, userId));
          expect((await apiClient(campus.url, tokens.get(userId)!)('GET', '/api/me')).status).toBe(200);
        }),
      );
    }

    const sessionId = await createSession({ title: 'The thousand', capacity: 50, start: at(20, '09:00:00'), end: at(20, '10:00:00') });
    const answers = await Promise.all(
      crowd.map(async (userId) => ({ userId, answer: await apiClient(campus.url, tokens.get(userId)!)<RegistrationView>('POST', `/api/sessions/${sessionId}/registrations`) })),
    );
    expect(answers.filter(({ answer }) => answer.status !== 201).map(({ answer }) => answer.body)).toEqual([]);
    expect(answers.filter(({ answer }) => answer.body.status === 'confirmed')).toHaveLength(50);
    expect(answers.filter(({ answer }) => answer.body.status === 'waitlisted')).toHaveLength(950);

    const listed = await registrationsOf(sessionId);
    expect(listed).toHaveLength(1000);
    const seated = listed.filter((registration) => registration.status === 'confirmed');
    expect(seated.map((registration) => registration.seat).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    const queue = listed.filter((registration) => registration.status === 'waitlisted').sort(byArrival);
    expect(queue.map((registration) => registration.waitlistPosition)).toEqual(Array.from({ length: 950 }, (_, index) => index + 1));
    // Someone who arrived earlier may still have been on the way when a later answer was given, never the reverse:
    // the place each person was told is at most their place once everyone had arrived.
    const finalPlace = new Map(queue.map((registration) => [registration.userId, registration.waitlistPosition!]));
    for (const { userId, answer } of answers) {
      if (answer.body.status === 'waitlisted') expect(answer.body.waitlistPosition!).toBeLessThanOrEqual(finalPlace.get(userId)!);
    }
    expect((await asOrganizer('GET', `/api/sessions/${sessionId}`)).body).toMatchObject({ seatsTaken: 50, seatsLeft: 0 });

    // One seat frees: the first in the queue takes it and is told; everyone behind moves up one place.
    const leaving = seated[0]!;
    const cancelled = await apiClient(campus.url, tokens.get(leaving.userId)!)('DELETE', `/api/sessions/${sessionId}/registrations/me`);
    expect(cancelled.status).toBe(200);
    const head = queue[0]!;
    const afterwards = await registrationsOf(sessionId);
    const statusOf = (userId: string) => afterwards.find((registration) => registration.userId === userId)!;
    expect(statusOf(head.userId)).toMatchObject({ status: 'confirmed' });
    expect(statusOf(queue[1]!.userId)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(statusOf(queue.at(-1)!.userId)).toMatchObject({ waitlistPosition: 949 });
    expect(afterwards.filter((registration) => registration.status === 'confirmed')).toHaveLength(50);
    const headClient = apiClient(campus.url, tokens.get(head.userId)!);
    expect((await notificationsOf(headClient, sessionId)).map((notification) => notification.kind)).toEqual(['promoted', 'waitlisted']);
    const confirmedMails = afterwards.filter((registration) => registration.status === 'confirmed').map((registration) => registration.mail.toLowerCase()).sort();
    expect(await eventually(() => attendeesOf(sessionId), (mails) => mails.join() === confirmedMails.join())).toEqual(confirmedMails);
  });
});
