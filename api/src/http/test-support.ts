/** Builds the HTTP app for route tests: real stores on this run's FerretDB, in-memory fakes for Graph and Entra. */
import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { inject } from 'vitest';
import { buildApp } from '../app.js';
import type { ApprovalPorts } from '../domain/approvals/create-approvals.js';
import type { Audiences } from '../domain/audiences/audiences.js';
import type { DirectorySync } from '../domain/directory/sync-directory.js';
import { connectMongo, createMongoStores, ensureIndexes } from '../adapters/mongo/index.js';
import { createError } from '../errors.js';
import type {
  CalendarGateway,
  EventAttendee,
  SessionEventDraft,
} from '../domain/calendar/calendar-gateway.js';
import type { OutgoingMail } from '../domain/outbox/outgoing-mail.js';
import { createCampus } from '../domain/campus.js';
import type { TokenVerifier } from '../domain/people/identity.js';
import type { PeopleDirectory, Person } from '../domain/people/person.js';
import type { Role } from '../domain/shared/tenant-scope.js';

export const TENANT_ID = '11111111-1111-4111-8111-111111111111';

export interface TestUser extends Person {
  roles: Role[];
}

export const testUsers = {
  organizer: {
    id: 'a0000000-0000-4000-8000-000000000001',
    displayName: 'Olga Organizer',
    mail: 'olga@contoso.test',
    jobTitle: 'Program Manager',
    department: 'Operations',
    officeLocation: 'Paris',
    roles: ['employee', 'organizer'],
  },
  presenter: {
    id: 'a0000000-0000-4000-8000-000000000002',
    displayName: 'Pavel Presenter',
    mail: 'pavel@contoso.test',
    jobTitle: 'SAP Lead',
    department: 'Finance',
    officeLocation: 'Prague',
    roles: ['employee'],
  },
  employee: {
    id: 'a0000000-0000-4000-8000-000000000003',
    displayName: 'Emma Employee',
    mail: 'emma@contoso.test',
    jobTitle: 'Analyst',
    department: 'Finance',
    officeLocation: 'Paris',
    roles: ['employee'],
  },
} satisfies Record<string, TestUser>;

/** Records what the app asked Outlook to do; `failing` makes every call fail as an unreachable Graph would. */
export function createFakeCalendar() {
  const created: SessionEventDraft[] = [];
  const attendeeWrites: Array<{ eventId: string; attendees: EventAttendee[] }> = [];
  const fake = {
    created,
    attendeeWrites,
    failing: false,
    async createEvent(_scope, draft) {
      if (fake.failing) throw createError('CAMPUS_ERR_GRAPH_UNAVAILABLE', 'Graph is down (test)');
      created.push(draft);
      return {
        eventId: `event-${draft.transactionId}`,
        joinUrl: `https://teams.microsoft.com/l/meetup-join/${draft.transactionId}`,
      };
    },
    async replaceAttendees(_scope, _ownerId, eventId, attendees) {
      if (fake.failing) throw createError('CAMPUS_ERR_GRAPH_UNAVAILABLE', 'Graph is down (test)');
      attendeeWrites.push({ eventId, attendees });
    },
    async updateEvent(_scope, _ownerId, eventId, _details, attendees) {
      if (fake.failing) throw createError('CAMPUS_ERR_GRAPH_UNAVAILABLE', 'Graph is down (test)');
      attendeeWrites.push({ eventId, attendees });
    },
    async cancelEvent() {
      if (fake.failing) throw createError('CAMPUS_ERR_GRAPH_UNAVAILABLE', 'Graph is down (test)');
    },
  } satisfies CalendarGateway & Record<string, unknown>;
  return fake;
}

/** The bearer token of a test user is simply their id. */
export function bearer(user: TestUser): Record<string, string> {
  return { authorization: `Bearer ${user.id}` };
}

/**
 * `extraUsers` join the three test users (for tests that need a crowd or more roles); `audiences` builds the
 * targeting use cases on the test's database, `directorySync` the directory sync, `approval` the supervisor
 * approval ports (without them, their routes are not served and registrations needing approval wait on Campus).
 */
export async function buildTestApp(
  options: {
    extraUsers?: TestUser[];
    audiences?: (db: Db) => Audiences;
    directorySync?: (db: Db) => DirectorySync;
    approval?: (db: Db) => ApprovalPorts;
  } = {},
) {
  let frozenAt: Date | null = null;
  const users: TestUser[] = [...Object.values(testUsers), ...(options.extraUsers ?? [])];
  const mongo = await connectMongo({
    uri: inject('mongodbUri'),
    dbName: `campus_http_${randomUUID().slice(0, 8)}`,
  });
  await ensureIndexes(mongo.db);
  const calendar = createFakeCalendar();
  /** Mail the app asked Graph to send. */
  const sentMail: OutgoingMail[] = [];
  const people: PeopleDirectory = {
    async findById(_scope, id) {
      return users.find((user) => user.id === id) ?? null;
    },
    async search(_scope, text, limit) {
      return users
        .filter((user) => user.displayName.toLowerCase().startsWith(text.toLowerCase()))
        .slice(0, limit);
    },
  };
  const tokenVerifier: TokenVerifier = {
    async verify(token) {
      const user = users.find((candidate) => candidate.id === token);
      if (!user)
        throw createError('CAMPUS_ERR_UNAUTHENTICATED', 'The access token was refused: unknown test user');
      return {
        tenantId: TENANT_ID,
        userId: user.id,
        displayName: user.displayName,
        mail: user.mail,
        scopes: ['access_as_user'],
      };
    },
  };
  const campus = createCampus({
    ...createMongoStores(mongo.db),
    people,
    calendar,
    mail: {
      async sendMail(_scope, message: OutgoingMail) {
        sentMail.push(message);
      },
    },
    clock: { now: () => frozenAt ?? new Date() },
    ids: { newId: randomUUID },
    holderId: 'http-test',
    logger: { warn: () => undefined },
    ...(options.approval ? { approval: options.approval(mongo.db) } : {}),
  });
  const app = await buildApp({
    campus,
    audiences: options.audiences?.(mongo.db) ?? null,
    directorySync: options.directorySync?.(mongo.db) ?? null,
    tokenVerifier,
    resolveRoles: async (_scope, userId) =>
      new Set(users.find((user) => user.id === userId)?.roles ?? ['employee']),
    clientConfig: {
      tenantId: TENANT_ID,
      clientId: 'client',
      authority: 'https://login.example/tenant',
      apiScope: 'api://x/access_as_user',
    },
    readiness: [{ name: 'store', check: async () => void (await mongo.ping()) }],
    botHandler: null,
    tabDir: null,
    logger: false,
  });
  return {
    app,
    campus,
    /** The test's own database. */
    db: mongo.db,
    calendar,
    sentMail,
    /** Moves the app's clock (for rules about time such as "already started"). */
    travelTo(at: Date) {
      frozenAt = at;
    },
    async close() {
      await app.close();
      await mongo.db.dropDatabase();
      await mongo.close();
    },
  };
}
