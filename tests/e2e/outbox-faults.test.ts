/**
 * Everything Campus writes to Graph arrives exactly once while a fifth of Graph calls fail with 429 or 503:
 * events, invitations, removals through the real server, and mails through the outbox with real adapters.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  createCalendarGateway,
  createGraphGateway,
  createMailGateway,
} from '../../api/src/adapters/graph/index.js';
import { createMongoStores, ensureIndexes } from '../../api/src/adapters/mongo/index.js';
import { createBookSessionEvent } from '../../api/src/domain/calendar/book-session-event.js';
import type { RunningDevTenant } from '@campus/infra/dev-tenant';
import { NESTOR_WILKE_ID, PATTI_FERNANDEZ_ID } from '@campus/infra/dev-tenant/personas';
import { apiClient, startCampus, tokenFor, type CampusUnderTest } from '../support/campus-server.js';
import { graphGatewayConfig, startPrivateDevTenant, type DevControls } from '../support/dev-tenant.js';
import type { DevTenantInfo } from '../support/provided-context.js';

const FAULTS = { throttleRate: 0.1, unavailableRate: 0.1, retryAfterSeconds: 1, seed: 20 };

interface SentMessage {
  kind: string;
  subject: string;
  toAddresses: string[];
  eventId: string | null;
}

describe('Graph writes under 20% failures', () => {
  let tenant: RunningDevTenant;
  let info: DevTenantInfo;
  let dev: DevControls;
  let campus: CampusUnderTest;
  let mongo: MongoClient;

  const sentMessages = async () => (await dev<{ value: SentMessage[] }>('GET', '/outbox')).value;
  const countBy = (values: string[]) =>
    values.reduce(
      (counts, value) => counts.set(value, (counts.get(value) ?? 0) + 1),
      new Map<string, number>(),
    );

  beforeAll(async () => {
    // A dev tenant of its own: its faults must not reach other test files.
    ({ tenant, info, dev } = await startPrivateDevTenant(300));
    campus = await startCampus({ devTenant: info });
    mongo = new MongoClient(inject('mongodbUri'));
    await mongo.connect();
  });
  afterAll(async () => {
    await campus?.close();
    await tenant?.stop();
    await mongo?.close();
  });

  it('books every event and invites, removes and promotes every attendee exactly once', async () => {
    const db = mongo.db(campus.dbName);
    const people = [...tenant.state.users.values()]
      .filter((user) => user.accountEnabled && user.id !== NESTOR_WILKE_ID)
      .slice(0, 36);
    const asOrganizer = apiClient(campus.url, await tokenFor(info, PATTI_FERNANDEZ_ID));
    const clients = await Promise.all(
      people.map(async (person) => apiClient(campus.url, await tokenFor(info, person.id))),
    );
    // Roles are looked up (through Graph) before the faults, so every failure below hits the outbox's writes.
    await Promise.all([asOrganizer, ...clients].map((client) => client('GET', '/api/me')));

    await dev('PUT', '/faults', FAULTS);
    const day = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10);
    const titles = [
      'Outlook rules that save an hour',
      'Teams channels vs chats',
      'Expense policy in practice',
    ];
    const sessions = await Promise.all(
      titles.map(async (title, index) => {
        const created = await asOrganizer<{ id: string }>('POST', '/api/sessions', {
          title,
          abstract: 'Peer session.',
          presenterId: NESTOR_WILKE_ID,
          capacity: 8,
          online: true,
          start: { dateTime: `${day}T0${index + 1}:00:00`, timeZone: 'Europe/Berlin' },
          end: { dateTime: `${day}T0${index + 1}:45:00`, timeZone: 'Europe/Berlin' },
        });
        expect(created.status).toBe(201);
        return created.body.id;
      }),
    );
    const answers = await Promise.all(
      clients.map((client, index) =>
        client<{ status: string }>('POST', `/api/sessions/${sessions[index % 3]}/registrations`),
      ),
    );
    expect(answers.every((answer) => answer.status === 201)).toBe(true);
    // Two confirmed people per session cancel; the waitlist moves up.
    const leaving = sessions.flatMap((sessionId, s) =>
      clients
        .filter((_, index) => index % 3 === s && answers[index]!.body.status === 'confirmed')
        .slice(0, 2)
        .map((client) => ({ client, sessionId })),
    );
    for (const { client, sessionId } of leaving)
      expect((await client('DELETE', `/api/sessions/${sessionId}/registrations/me`)).status).toBe(200);

    await vi.waitFor(
      async () => {
        expect(
          await db.collection('registrations').countDocuments({ status: 'confirmed', invite: 'pending' }),
        ).toBe(0);
        expect(
          await db.collection('outbox').countDocuments({ status: { $in: ['pending', 'sending'] } }),
        ).toBe(0);
      },
      { timeout: 90_000, interval: 250 },
    );
    const stats = await dev<{ throttled: number; unavailable: number }>('GET', '/stats');
    await dev('DELETE', '/faults');
    expect(stats.throttled + stats.unavailable).toBeGreaterThan(0);
    expect(await db.collection('outbox').countDocuments({ status: 'failed' })).toBe(0);

    const { value: events } = await dev<{
      value: Array<{ id: string; subject: string; attendees: Array<{ emailAddress: { address: string } }> }>;
    }>('GET', `/calendars/${NESTOR_WILKE_ID}/events`);
    const messages = await sentMessages();
    for (const [index, sessionId] of sessions.entries()) {
      const booked = events.filter((event) => event.subject === titles[index]);
      expect(booked).toHaveLength(1);
      const attending = (
        await db
          .collection<{ mail: string }>('registrations')
          .find({ sessionId, status: 'confirmed' })
          .toArray()
      )
        .map((r) => r.mail.toLowerCase())
        .sort();
      expect(attending).toHaveLength(8);
      expect(
        booked[0]!.attendees.map((attendee) => attendee.emailAddress.address.toLowerCase()).sort(),
      ).toEqual(attending);
      const about = messages.filter((message) => message.eventId === booked[0]!.id);
      const invitations = countBy(
        about
          .filter((m) => m.kind === 'meetingRequest')
          .flatMap((m) => m.toAddresses.map((to) => to.toLowerCase())),
      );
      const cancellations = countBy(
        about
          .filter((m) => m.kind === 'meetingCancellation')
          .flatMap((m) => m.toAddresses.map((to) => to.toLowerCase())),
      );
      for (const address of attending) expect([address, invitations.get(address)]).toEqual([address, 1]);
      for (const [address, count] of invitations) {
        expect(count).toBe(1);
        // Someone invited and no longer attending was removed once.
        if (!attending.includes(address)) expect([address, cancellations.get(address)]).toEqual([address, 1]);
      }
      expect([...cancellations.values()].every((count) => count === 1)).toBe(true);
    }
  });

  it('sends every mail exactly once when the outbox itself must retry', async () => {
    const db: Db = mongo.db(`campus_mail_${randomUUID().slice(0, 8)}`);
    await ensureIndexes(db);
    // No gateway retries: every failure comes back to the outbox, which retries with its own backoff.
    const graph = createGraphGateway({ ...graphGatewayConfig(info), maxRetries: 0 });
    const stores = createMongoStores(db);
    const booking = createBookSessionEvent({
      ...stores,
      calendar: createCalendarGateway(graph),
      mail: createMailGateway(graph),
      clock: { now: () => new Date() },
      ids: { newId: randomUUID },
      holderId: 'faults-test',
      logger: { warn: () => undefined },
    });
    const run = randomUUID().slice(0, 8);
    const recipients = [...tenant.state.users.values()].filter((user) => user.accountEnabled).slice(40, 70);
    await dev('POST', '/stats/reset');
    await dev('PUT', '/faults', FAULTS);
    try {
      await Promise.all(
        recipients.map((recipient, index) =>
          booking.requestMail(
            { tenantId: info.tenantId },
            {
              fromUserId: PATTI_FERNANDEZ_ID,
              to: [{ email: recipient.mail, name: recipient.displayName }],
              subject: `Reminder ${run} #${index}`,
              body: { contentType: 'text', content: 'See you there.' },
            },
            `reminder:${run}:${index}`,
          ),
        ),
      );
      // Asked twice: the key makes it the same mail.
      await booking.requestMail(
        { tenantId: info.tenantId },
        {
          fromUserId: PATTI_FERNANDEZ_ID,
          to: [{ email: recipients[0]!.mail }],
          subject: `Reminder ${run} #0`,
          body: { contentType: 'text', content: 'again' },
        },
        `reminder:${run}:0`,
      );
      await vi.waitFor(
        async () => {
          await booking.processPending(50);
          expect(
            await db.collection('outbox').countDocuments({ status: { $in: ['pending', 'sending'] } }),
          ).toBe(0);
        },
        { timeout: 90_000, interval: 500 },
      );
      await booking.idle();
    } finally {
      await dev('DELETE', '/faults');
    }
    // Mails requested together went out together: Graph saw $batch calls, each carrying several sendMail requests.
    const stats = await dev<{ byRoute: Record<string, number>; batchSubRequests: number }>('GET', '/stats');
    expect(stats.byRoute['POST /v1.0/$batch']).toBeGreaterThan(0);
    expect(stats.batchSubRequests).toBeGreaterThan(stats.byRoute['POST /v1.0/$batch']!);
    const subjects = (await sentMessages())
      .filter((message) => message.kind === 'sendMail' && message.subject.startsWith(`Reminder ${run} `))
      .map((message) => message.subject);
    expect(subjects.sort()).toEqual(recipients.map((_, index) => `Reminder ${run} #${index}`).sort());
    expect(await db.collection('outbox').countDocuments({ status: 'failed' })).toBe(0);
    await db.dropDatabase();
  });
});
