/**
 * The Graph adapters against the dev tenant (Entra + Graph emulator) started by tests/support/dev-tenant.global.ts:
 * the production code path (msal-node, Graph SDK) with only base URLs changed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {} from '../../../../tests/support/provided-context.js';
import {
  ADELE_VANCE_ID,
  ALEX_WILBER_ID,
  CAMPUS_ORGANIZERS_GROUP_ID,
  MEGAN_BOWEN_ID,
  PATTI_FERNANDEZ_ID,
} from '../../../../infra/local/dev-tenant/seed/personas.js';
import type { SessionEventDraft } from '../../domain/calendar/calendar-gateway.js';
import { createCalendarGateway } from './calendar-gateway.js';
import { createGraphGateway, type GraphGatewayConfig } from './graph-gateway.js';
import { createOrganizationRoles } from './organization-roles.js';
import { createPeopleDirectory } from './people-directory.js';

const devTenant = inject('devTenant');
const scope = { tenantId: devTenant.tenantId };

function gatewayConfig(overrides: Partial<GraphGatewayConfig> = {}): GraphGatewayConfig {
  return {
    tenantId: devTenant.tenantId,
    clientId: devTenant.clientId,
    clientSecret: devTenant.clientSecret,
    authorityHost: devTenant.url,
    graphBaseUrl: devTenant.url,
    ...overrides,
  };
}

async function dev<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${devTenant.url}/_dev${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`${method} /_dev${path} answered ${response.status}: ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

interface TestUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
}

/** A fresh user of this test file: its Graph paths are its own, so faults aimed at them touch no other test. */
async function createUser(label: string): Promise<TestUser> {
  const id = randomUUID();
  const alias = `graph-${label}-${id.slice(0, 8)}`;
  const domain = (await dev<{ domain: string }>('GET', '/tenant')).domain;
  return dev<TestUser>('POST', '/users', {
    id,
    displayName: `Graphtest ${label}`,
    givenName: 'Graphtest',
    surname: label,
    userPrincipalName: `${alias}@${domain}`,
  });
}

interface MailboxEvent {
  id: string;
  subject: string;
  transactionId: string | null;
  attendees: Array<{ emailAddress: { address: string } }>;
  seriesOrganizerEventId: string | null;
}

function mailbox(user: TestUser): Promise<MailboxEvent[]> {
  return dev<{ value: MailboxEvent[] }>('GET', `/calendars/${user.id}/events`).then((answer) => answer.value);
}

function draft(owner: TestUser, overrides: Partial<SessionEventDraft> = {}): SessionEventDraft {
  return {
    ownerId: owner.id,
    transactionId: randomUUID(),
    subject: `Campus: Power BI for SAP data ${randomUUID().slice(0, 8)}`,
    bodyHtml: '<p>How our dashboards read SAP.</p>',
    start: { dateTime: '2026-12-01T15:00:00', timeZone: 'Europe/Paris' },
    end: { dateTime: '2026-12-01T16:00:00', timeZone: 'Europe/Paris' },
    online: true,
    location: null,
    ...overrides,
  };
}

const graph = createGraphGateway(gatewayConfig());
const people = createPeopleDirectory(graph);
const roles = createOrganizationRoles(graph);
const calendar = createCalendarGateway(graph);

describe('people directory', () => {
  it('finds a persona by id', async () => {
    const patti = await people.findById(scope, PATTI_FERNANDEZ_ID);

    expect(patti).toMatchObject({
      id: PATTI_FERNANDEZ_ID,
      displayName: 'Patti Fernandez',
      department: 'Operations',
      jobTitle: 'Senior Program Manager',
    });
    expect(patti?.mail.toLowerCase()).toMatch(/^pattif@/);
  });

  it('answers null for an id the directory does not have', async () => {
    await expect(people.findById(scope, randomUUID())).resolves.toBeNull();
  });

  it('answers null for a disabled account', async () => {
    const user = await createUser('disabled');
    await dev('PATCH', `/users/${user.id}`, { accountEnabled: false });

    await expect(people.findById(scope, user.id)).resolves.toBeNull();
    await expect(people.search(scope, user.userPrincipalName, 5)).resolves.toEqual([]);
  });

  it('searches by display name, surname and mail prefix', async () => {
    const byName = await people.search(scope, 'Patti Fern', 10);
    const bySurname = await people.search(scope, 'Fernandez', 50);
    const byMail = await people.search(scope, 'pattif@', 10);

    for (const found of [byName, bySurname, byMail]) {
      expect(found.map((person) => person.id)).toContain(PATTI_FERNANDEZ_ID);
    }
    expect(byName.every((person) => person.displayName.toLowerCase().startsWith('patti fern'))).toBe(true);
  });

  it('honours the limit', async () => {
    const found = await people.search(scope, 'a', 3);
    expect(found).toHaveLength(3);
  });
});

describe('organization roles', () => {
  it('checks membership of the organizers group', async () => {
    await expect(roles.isMemberOfGroup(scope, PATTI_FERNANDEZ_ID, CAMPUS_ORGANIZERS_GROUP_ID)).resolves.toBe(
      true,
    );
    await expect(roles.isMemberOfGroup(scope, ALEX_WILBER_ID, CAMPUS_ORGANIZERS_GROUP_ID)).resolves.toBe(
      false,
    );
  });

  it('tells managers from individual contributors', async () => {
    await expect(roles.hasDirectReports(scope, MEGAN_BOWEN_ID)).resolves.toBe(true);
    await expect(roles.hasDirectReports(scope, ADELE_VANCE_ID)).resolves.toBe(false);
  });
});

describe('calendar', () => {
  let presenter: TestUser;
  let ada: TestUser;
  let grace: TestUser;

  beforeAll(async () => {
    [presenter, ada, grace] = await Promise.all([
      createUser('presenter'),
      createUser('ada'),
      createUser('grace'),
    ]);
  });

  it('creates a Teams meeting once per transactionId', async () => {
    const session = draft(presenter);

    const first = await calendar.createEvent(scope, session);
    const again = await calendar.createEvent(scope, session);

    expect(first.joinUrl).toMatch(/^https:\/\//);
    expect(again).toEqual(first);
    const copies = (await mailbox(presenter)).filter(
      (event) => event.transactionId === session.transactionId,
    );
    expect(copies.map((event) => event.id)).toEqual([first.eventId]);
  });

  it('creates an in-person event without a join URL', async () => {
    const created = await calendar.createEvent(
      scope,
      draft(presenter, { online: false, location: 'Seattle HQ' }),
    );
    expect(created.joinUrl).toBeNull();
  });

  it('replaces attendees, inviting only the ones added', async () => {
    const session = draft(presenter);
    const { eventId } = await calendar.createEvent(scope, session);

    await calendar.replaceAttendees(scope, presenter.id, eventId, [
      { email: ada.userPrincipalName, name: ada.displayName },
    ]);
    await calendar.replaceAttendees(scope, presenter.id, eventId, [
      { email: ada.userPrincipalName, name: ada.displayName },
      { email: grace.userPrincipalName, name: grace.displayName },
    ]);

    for (const attendee of [ada, grace]) {
      const copies = (await mailbox(attendee)).filter((event) => event.seriesOrganizerEventId === eventId);
      expect(copies).toHaveLength(1);
      expect(copies[0]?.subject).toBe(session.subject);
    }
    const requests = await dev<{ value: Array<{ toAddresses: string[] }> }>(
      'GET',
      `/outbox?eventId=${encodeURIComponent(eventId)}&kind=meetingRequest`,
    );
    const recipients = requests.value.flatMap((message) =>
      message.toAddresses.map((address) => address.toLowerCase()),
    );
    expect(recipients.sort()).toEqual(
      [ada.userPrincipalName, grace.userPrincipalName].map((a) => a.toLowerCase()).sort(),
    );
  });
});

describe('under Graph throttling', () => {
  let owner: TestUser;
  let guest: TestUser;

  beforeAll(async () => {
    [owner, guest] = await Promise.all([createUser('throttled'), createUser('throttled-guest')]);
    await dev('POST', `/groups/${CAMPUS_ORGANIZERS_GROUP_ID}/members/${owner.id}`);
    // Only this file's fresh users are faulted, so other test files running at the same time are not.
    await dev('PUT', '/faults', {
      throttleRate: 0.5,
      retryAfterSeconds: 0,
      pathPattern: `^/v1\\.0/users/(${owner.id}|${guest.id})`,
      // With this seed the first draws throttle, so the very first request is retried.
      seed: 7,
    });
  });
  afterAll(async () => {
    await dev('DELETE', '/faults');
  });

  it('still reads, checks, books and invites, each exactly once', async () => {
    const retries: Array<{ batch?: boolean; method?: string; status?: number }> = [];
    const patient = createGraphGateway(
      gatewayConfig({
        maxRetries: 12,
        logger: { warn: (details) => retries.push(details) },
        sleep: async () => {},
      }),
    );
    const session = draft(owner);

    const person = await createPeopleDirectory(patient).findById(scope, owner.id);
    const organizer = await createOrganizationRoles(patient).isMemberOfGroup(
      scope,
      owner.id,
      CAMPUS_ORGANIZERS_GROUP_ID,
    );
    const manager = await createOrganizationRoles(patient).hasDirectReports(scope, owner.id);
    const created = await createCalendarGateway(patient).createEvent(scope, session);
    await createCalendarGateway(patient).replaceAttendees(scope, owner.id, created.eventId, [
      { email: guest.userPrincipalName, name: guest.displayName },
    ]);
    const batch = await patient.batch(
      Array.from({ length: 25 }, (_, i) => ({
        id: String(i),
        method: 'GET' as const,
        url: `/users/${i % 2 === 0 ? owner.id : guest.id}?$select=id`,
      })),
    );

    expect(person?.id).toBe(owner.id);
    expect(organizer).toBe(true);
    expect(manager).toBe(false);
    expect(created.joinUrl).toMatch(/^https:\/\//);
    expect(batch.map((answer) => answer.status)).toEqual(Array.from({ length: 25 }, () => 200));
    expect(retries.some((retry) => retry.method === 'GET' && retry.status === 429)).toBe(true);
    expect(retries.some((retry) => retry.batch === true)).toBe(true);
    const booked = (await mailbox(owner)).filter((event) => event.transactionId === session.transactionId);
    expect(booked).toHaveLength(1);
    expect(booked[0]?.attendees.map((attendee) => attendee.emailAddress.address)).toEqual([
      guest.userPrincipalName,
    ]);
    const guestCopies = (await mailbox(guest)).filter(
      (event) => event.seriesOrganizerEventId === created.eventId,
    );
    expect(guestCopies).toHaveLength(1);
  });
});
