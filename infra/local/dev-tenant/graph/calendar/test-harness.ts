import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach } from 'vitest';
import type { GraphCaller } from '../../graph-http.js';
import type { DirectoryUser, TenantState } from '../../state.js';
import { devMailRoutes, mailRoutes } from '../mail/index.js';
import { calendarRoutes } from './index.js';

/**
 * A stand-in for the dev tenant's core in this folder's tests: it decorates request.graphCaller from the
 * `x-test-caller` header (JSON of a GraphCaller) instead of validating a token, and registers the calendar and
 * mail plugins under the prefixes the core uses. The tenant holds an organizer (Paris), two attendees
 * (New York, Tokyo) and a colleague in London; external.person@fabrikam.example is not in the tenant.
 */
export const TENANT_ID = '7e3a1c55-0f4b-4f0e-9b1e-2f6c4d1a9b10';
export const DOMAIN = 'contoso-dev.onmicrosoft.com';

function user(id: string, alias: string, displayName: string, mailboxTimeZone: string): DirectoryUser {
  const [givenName = displayName, surname = ''] = displayName.split(' ');
  return {
    id,
    displayName,
    givenName,
    surname,
    userPrincipalName: `${alias}@${DOMAIN}`,
    mail: `${alias}@${DOMAIN}`,
    jobTitle: null,
    department: null,
    officeLocation: null,
    city: null,
    country: null,
    usageLocation: null,
    employeeType: null,
    accountEnabled: true,
    preferredLanguage: 'en-US',
    skills: [],
    responsibilities: [],
    aboutMe: null,
    managerId: null,
    mailboxTimeZone,
  };
}

export const ORGANIZER = user(
  '11111111-1111-4111-8111-111111111111',
  'olivia',
  'Olivia Martin',
  'Romance Standard Time',
);
export const ATTENDEE_NY = user(
  '22222222-2222-4222-8222-222222222222',
  'noah',
  'Noah Baker',
  'Eastern Standard Time',
);
export const ATTENDEE_TOKYO = user('33333333-3333-4333-8333-333333333333', 'yuki', 'Yuki Sato', 'Asia/Tokyo');
export const COLLEAGUE = user(
  '44444444-4444-4444-8444-444444444444',
  'liam',
  'Liam Wood',
  'GMT Standard Time',
);
export const EXTERNAL = 'external.person@fabrikam.example';

/** A fresh in-memory tenant with the four users above and no events or mail. */
export function createTestState(): TenantState {
  const users = [ORGANIZER, ATTENDEE_NY, ATTENDEE_TOKYO, COLLEAGUE];
  return {
    tenantId: TENANT_ID,
    domain: DOMAIN,
    users: new Map(users.map((entry) => [entry.id, entry])),
    usersByUpn: new Map(
      users.flatMap((entry) => [
        [entry.userPrincipalName.toLowerCase(), entry.id] as const,
        [entry.mail.toLowerCase(), entry.id] as const,
      ]),
    ),
    groups: new Map(),
    events: new Map(),
    outbox: [],
    directoryVersion: 1,
    userChangedAt: new Map(),
    deletedUsers: new Map(),
  };
}

/** An application caller (client credentials) holding these app roles. */
export function appCaller(...roles: string[]): GraphCaller {
  return { kind: 'application', appId: 'campus-test-app', userId: null, roles, scopes: [] };
}

/** A delegated caller signed in as `userId` with these scopes. */
export function delegatedCaller(userId: string, ...scopes: string[]): GraphCaller {
  return { kind: 'delegated', appId: 'campus-test-app', userId, roles: [], scopes };
}

/** Headers that make the harness treat the request as coming from `caller`. */
export function as(caller: GraphCaller): Record<string, string> {
  return { 'x-test-caller': JSON.stringify(caller) };
}

/** Headers of an application that may read and write every calendar (Calendars.ReadWrite). */
export const WRITER = as(appCaller('Calendars.ReadWrite'));

/** Builds the harness app over `state`; call close() when done. */
export async function buildHarness(state: TenantState): Promise<FastifyInstance> {
  const app = Fastify();
  app.decorateRequest('graphCaller', null as unknown as GraphCaller);
  await app.register(
    async (graph) => {
      graph.addHook('onRequest', async (request) => {
        const header = request.headers['x-test-caller'];
        request.graphCaller = typeof header === 'string' ? (JSON.parse(header) as GraphCaller) : appCaller();
      });
      await graph.register(calendarRoutes, { state });
      await graph.register(mailRoutes, { state });
    },
    { prefix: '/v1.0' },
  );
  await app.register(devMailRoutes, { prefix: '/_dev', state });
  await app.ready();
  return app;
}

/**
 * Gives each test of the calling file a fresh tenant state and harness app, closed after the test: `assign`
 * receives them before each test, ahead of the beforeEach hooks the file registers after this call.
 */
export function useFreshHarness(
  assign: (harness: { state: TenantState; app: FastifyInstance }) => void,
): void {
  let app: FastifyInstance | undefined;
  beforeEach(async () => {
    const state = createTestState();
    app = await buildHarness(state);
    assign({ state, app });
  });
  afterEach(async () => {
    await app?.close();
  });
}
