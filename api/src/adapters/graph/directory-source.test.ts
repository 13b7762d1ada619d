/**
 * The Graph directory source against a dev tenant of this file's own (it changes the directory and switches faults
 * on), and against a Graph that answers 410 Gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevCertificates } from '../../../../infra/local/dev-ca.js';
import { startDevTenant, type RunningDevTenant } from '../../../../infra/local/dev-tenant/index.js';
import { NESTOR_WILKE_ID } from '../../../../infra/local/dev-tenant/seed/personas.js';
import type { DeltaPage } from '../../domain/directory/directory-source.js';
import { createDirectorySource } from './directory-source.js';
import { createGraphGateway, type GraphGatewayConfig } from './graph-gateway.js';
import { graphError, startGraphTestServer } from './graph-test-server.js';

type Page = DeltaPage & { kind: 'page' };

function gatewayConfig(tenant: { url: string; tenantId: string; clientId: string; clientSecret: string }, overrides: Partial<GraphGatewayConfig> = {}): GraphGatewayConfig {
  return { tenantId: tenant.tenantId, clientId: tenant.clientId, clientSecret: tenant.clientSecret, authorityHost: tenant.url, graphBaseUrl: tenant.url, sleep: async () => undefined, ...overrides };
}

async function readRound(source: ReturnType<typeof createDirectorySource>, scope: { tenantId: string }, link: string | null): Promise<{ pages: Page[]; deltaLink: string }> {
  const pages: Page[] = [];
  let next = link;
  for (;;) {
    const page = await source.readDeltaPage(scope, next);
    if (page.kind !== 'page') throw new Error(`refused: ${page.reason}`);
    pages.push(page);
    if (page.nextLink === null) return { pages, deltaLink: page.deltaLink! };
    next = page.nextLink;
  }
}

describe('directory source on a dev tenant of its own', () => {
  let tenant: RunningDevTenant;
  let source: ReturnType<typeof createDirectorySource>;
  let scope: { tenantId: string };
  const dev = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${tenant.url}/_dev${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
    if (!response.ok) throw new Error(`${method} /_dev${path}: ${response.status} ${await response.text()}`);
  };

  beforeAll(async () => {
    // Two delta pages of 999 at most.
    tenant = await startDevTenant({ port: 0, certificates: await ensureDevCertificates(), size: 1100 });
    scope = { tenantId: tenant.tenantId };
    source = createDirectorySource(createGraphGateway(gatewayConfig({ ...tenant, clientId: tenant.campusApp.clientId, clientSecret: tenant.campusApp.clientSecret }, { maxRetries: 1 })));
  });
  afterAll(() => tenant?.stop());

  it('reads everyone in pages of 999 with the manager of each, and counts the tenant', async () => {
    const total = await source.countPeople(scope);
    const { pages, deltaLink } = await readRound(source, scope, null);

    expect(total).toBe(1100);
    expect(pages.map((page) => page.changes.length)).toEqual([999, 101]);
    const people = pages.flatMap((page) => page.changes);
    expect(new Set(people.map((person) => person.id)).size).toBe(1100);
    expect(deltaLink).toContain('$deltatoken=');
    const nestor = people.find((person) => person.id === NESTOR_WILKE_ID);
    expect(nestor).toMatchObject({ displayName: 'Nestor Wilke', managerId: expect.stringMatching(/^[0-9a-f-]{36}$/), accountEnabled: true, department: 'Operations' });
    expect(Object.keys(nestor!).sort()).toEqual(
      ['accountEnabled', 'city', 'country', 'department', 'displayName', 'employeeType', 'givenName', 'id', 'jobTitle', 'mail', 'managerId', 'officeLocation', 'surname', 'userPrincipalName'].sort(),
    );
    expect(people.filter((person) => person.managerId === undefined)).toHaveLength(1);
  });

  it('reads profiles and mailbox time zones twenty requests to a $batch, and tells who is gone', async () => {
    const read = await source.readProfiles(scope, [NESTOR_WILKE_ID, '00000000-0000-4000-8000-00000000dead']);
    expect(read).toMatchObject({ gone: ['00000000-0000-4000-8000-00000000dead'], failed: [], batches: 1, requests: 4 });
    expect(read.profiles).toEqual([
      { id: NESTOR_WILKE_ID, skills: expect.arrayContaining(['SAP', 'Power BI']), responsibilities: expect.any(Array), aboutMe: expect.any(String), timeZone: expect.any(String) },
    ]);
  });

  it('reads the changes since a delta link: changed properties only, managers, disabled accounts, removals', async () => {
    const { deltaLink } = await readRound(source, scope, null);
    const users = [...tenant.state.users.values()];
    const managers = new Set(users.map((user) => user.managerId));
    // People without reports: removing a manager also changes the manager of each report.
    const [moved, managed, disabled, removed] = users.filter((user) => user.managerId !== null && !managers.has(user.id)).slice(0, 4);
    const newManager = users.find((user) => user.managerId === null)!;
    await dev('PATCH', `/users/${moved!.id}`, { department: 'Campus Testing' });
    await dev('PATCH', `/users/${managed!.id}`, { managerId: newManager.id });
    await dev('PATCH', `/users/${disabled!.id}`, { accountEnabled: false });
    await dev('DELETE', `/users/${removed!.id}`);

    const { pages } = await readRound(source, scope, deltaLink);
    const changes = pages.flatMap((page) => page.changes);
    expect(changes).toEqual(
      expect.arrayContaining([
        { id: moved!.id, department: 'Campus Testing' },
        { id: managed!.id, managerId: newManager.id },
        { id: disabled!.id, accountEnabled: false },
      ]),
    );
    expect(changes).toHaveLength(3);
    expect(pages.flatMap((page) => page.removedIds)).toEqual([removed!.id]);
  });

  it('answers resync-required for a link Graph no longer honours', async () => {
    const { deltaLink } = await readRound(source, scope, null);
    const expired = deltaLink.replace(/\$deltatoken=[^&]+/, '$deltatoken=bm90LWEtdG9rZW4');
    expect(await source.readDeltaPage(scope, expired)).toEqual({ kind: 'resync-required', reason: '400 Directory_ExpiredPageToken' });
  });

  it('reports profiles Graph keeps throttling as failed, not as gone or empty', async () => {
    const someone = [...tenant.state.users.keys()][0]!;
    await dev('PUT', '/faults', { throttleRate: 1, pathPattern: 'mailboxSettings', retryAfterSeconds: 0 });
    try {
      expect(await source.readProfiles(scope, [someone])).toMatchObject({ profiles: [], gone: [], failed: [someone] });
    } finally {
      await dev('DELETE', '/faults');
    }
  });
});

describe('directory source on a Graph that answers 410 Gone', () => {
  it('answers resync-required for a stored link, and throws for the first request of a round', async () => {
    const server = await startGraphTestServer();
    try {
      server.handle(() => graphError(410, 'SyncStateNotFound', 'The sync state is gone; start over.'));
      const source = createDirectorySource(createGraphGateway(server.config({ sleep: async () => undefined, maxRetries: 1 })));
      const scope = { tenantId: server.tenantId };
      expect(await source.readDeltaPage(scope, `${server.url}/v1.0/users/delta?$deltatoken=old`)).toEqual({ kind: 'resync-required', reason: '410 SyncStateNotFound' });
      await expect(source.readDeltaPage(scope, null)).rejects.toMatchObject({ status: 410 });
    } finally {
      await server.close();
    }
  });
});
