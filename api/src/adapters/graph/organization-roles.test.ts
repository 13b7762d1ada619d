import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphRequestError } from './graph-request-error.js';
import { createGraphGateway } from './graph-gateway.js';
import { graphError, startGraphTestServer, type GraphTestServer } from './graph-test-server.js';
import { createOrganizationRoles } from './organization-roles.js';

const organizers = randomUUID();
const engineering = randomUUID();
const manager = randomUUID();
const report = randomUUID();
/** Transitive group memberships and direct reports of the test organization. */
const memberOf = new Map<string, string[]>([
  [manager, [organizers, engineering]],
  [report, [engineering]],
]);
const directReports = new Map<string, string[]>([
  [manager, [report]],
  [report, []],
]);

let server: GraphTestServer;
let roles: ReturnType<typeof createOrganizationRoles>;
let scope: { tenantId: string };

beforeAll(async () => {
  server = await startGraphTestServer();
  scope = { tenantId: server.tenantId };
  roles = createOrganizationRoles(createGraphGateway(server.config({ sleep: async () => {} })));
});
afterAll(() => server.close());
beforeEach(() => {
  server.stats.graphRequests.length = 0;
  server.handle((request) => {
    const [, , userId, relation] = request.path.split('/');
    const groups = memberOf.get(userId ?? '');
    if (!groups) return graphError(404, 'Request_ResourceNotFound', `Resource '${userId}' does not exist`);
    if (relation === 'checkMemberGroups' && request.method === 'POST') {
      const asked = (request.body as { groupIds: string[] }).groupIds;
      return { body: { value: asked.filter((id) => groups.includes(id)) } };
    }
    if (relation === 'directReports') {
      const top = Number(request.query.get('$top') ?? '100');
      return { body: { value: (directReports.get(userId ?? '') ?? []).slice(0, top).map((id) => ({ id })) } };
    }
    return graphError(400, 'BadRequest', 'Unexpected request');
  });
});

describe('isMemberOfGroup', () => {
  it('asks checkMemberGroups about the one group', async () => {
    await expect(roles.isMemberOfGroup(scope, manager, organizers)).resolves.toBe(true);
    await expect(roles.isMemberOfGroup(scope, report, organizers)).resolves.toBe(false);

    expect(server.stats.graphRequests[0]).toMatchObject({
      method: 'POST',
      path: `/users/${manager}/checkMemberGroups`,
      body: { groupIds: [organizers] },
    });
  });

  it('answers false for an unknown user, and for malformed ids without calling Graph', async () => {
    await expect(roles.isMemberOfGroup(scope, randomUUID(), organizers)).resolves.toBe(false);
    expect(server.stats.graphRequests).toHaveLength(1);

    await expect(roles.isMemberOfGroup(scope, 'admin', organizers)).resolves.toBe(false);
    await expect(roles.isMemberOfGroup(scope, manager, 'organizers')).resolves.toBe(false);
    expect(server.stats.graphRequests).toHaveLength(1);
  });

  it('lets a refusal through rather than answering false', async () => {
    server.handle(() => graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges'));

    const error = await roles.isMemberOfGroup(scope, manager, organizers).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GraphRequestError);
    expect((error as GraphRequestError).status).toBe(403);
  });
});

describe('hasDirectReports', () => {
  it('reads at most one direct report', async () => {
    await expect(roles.hasDirectReports(scope, manager)).resolves.toBe(true);
    await expect(roles.hasDirectReports(scope, report)).resolves.toBe(false);

    const request = server.stats.graphRequests[0]!;
    expect(request.path).toBe(`/users/${manager}/directReports`);
    expect(request.query.get('$top')).toBe('1');
    expect(request.query.get('$select')).toBe('id');
  });

  it('answers false for an unknown or malformed user', async () => {
    await expect(roles.hasDirectReports(scope, randomUUID())).resolves.toBe(false);
    await expect(roles.hasDirectReports(scope, 'not-a-guid')).resolves.toBe(false);
    expect(server.stats.graphRequests).toHaveLength(1);
  });
});
