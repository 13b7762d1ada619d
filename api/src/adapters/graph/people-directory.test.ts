import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CampusError } from '../../errors.js';
import { createGraphGateway } from './graph-gateway.js';
import { graphError, startGraphTestServer, type GraphTestServer } from './graph-test-server.js';
import { createPeopleDirectory } from './people-directory.js';

interface User {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  mail: string | null;
  userPrincipalName: string;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  accountEnabled: boolean;
}

function user(displayName: string, overrides: Partial<User> = {}): User {
  const [givenName = '', surname = ''] = displayName.split(' ');
  const upn = `${givenName.toLowerCase()}@contoso.test`;
  return {
    id: randomUUID(),
    displayName,
    givenName,
    surname,
    mail: upn,
    userPrincipalName: upn,
    jobTitle: 'Engineer',
    department: 'R&D',
    officeLocation: 'Lyon',
    accountEnabled: true,
    ...overrides,
  };
}

const users = [
  user('Ada Lovelace'),
  user('Alan Turing', { mail: null }),
  user('Grace Hopper'),
  user('Adele Goldberg', { accountEnabled: false }),
  user("Miles O'Brien"),
];

let server: GraphTestServer;
let directory: ReturnType<typeof createPeopleDirectory>;
let scope: { tenantId: string };

/** A small Graph /users: by id, and the startswith filter Campus sends. */
function directoryHandler() {
  server.handle((request) => {
    const byId = /^\/users\/([^/]+)$/.exec(request.path);
    if (byId) {
      const found = users.find((candidate) => candidate.id === byId[1]);
      return found
        ? { body: found }
        : graphError(404, 'Request_ResourceNotFound', `Resource '${byId[1]}' does not exist`);
    }
    if (request.path === '/users') {
      const filter = request.query.get('$filter') ?? '';
      const prefix =
        /startswith\(displayName,'((?:[^']|'')*)'\)/.exec(filter)?.[1]?.replaceAll("''", "'") ?? '';
      const enabledOnly = filter.startsWith('accountEnabled eq true and ');
      const top = Number(request.query.get('$top'));
      const matches = users.filter(
        (candidate) =>
          (!enabledOnly || candidate.accountEnabled) &&
          [candidate.displayName, candidate.givenName, candidate.surname, candidate.mail ?? ''].some(
            (value) => value.toLowerCase().startsWith(prefix.toLowerCase()),
          ),
      );
      return { body: { '@odata.count': matches.length, value: matches.slice(0, top) } };
    }
    return graphError(400, 'BadRequest', 'Unexpected request');
  });
}

beforeAll(async () => {
  server = await startGraphTestServer();
  scope = { tenantId: server.tenantId };
  directory = createPeopleDirectory(
    createGraphGateway(server.config({ sleep: async () => {}, maxRetries: 1 })),
  );
});
afterAll(() => server.close());
beforeEach(() => {
  server.stats.graphRequests.length = 0;
  directoryHandler();
});

describe('findById', () => {
  it('reads the person with the properties Campus needs', async () => {
    const ada = users[0]!;

    const person = await directory.findById(scope, ada.id);

    expect(person).toEqual({
      id: ada.id,
      displayName: 'Ada Lovelace',
      mail: 'ada@contoso.test',
      jobTitle: 'Engineer',
      department: 'R&D',
      officeLocation: 'Lyon',
    });
    expect(server.stats.graphRequests[0]?.query.get('$select')?.split(',')).toEqual([
      'id',
      'displayName',
      'mail',
      'userPrincipalName',
      'jobTitle',
      'department',
      'officeLocation',
      'accountEnabled',
    ]);
  });

  it('falls back to the userPrincipalName when the account has no mail', async () => {
    const person = await directory.findById(scope, users[1]!.id);
    expect(person?.mail).toBe('alan@contoso.test');
  });

  it('answers null for an unknown id and for a disabled account', async () => {
    await expect(directory.findById(scope, randomUUID())).resolves.toBeNull();
    await expect(directory.findById(scope, users[3]!.id)).resolves.toBeNull();
  });

  it('answers null for a malformed id without calling Graph', async () => {
    await expect(directory.findById(scope, "x' or 1 eq 1")).resolves.toBeNull();
    await expect(directory.findById(scope, '../me')).resolves.toBeNull();
    expect(server.stats.graphRequests).toHaveLength(0);
  });

  it('does not turn an outage into "no such person"', async () => {
    server.handle(() => graphError(503, 'ServiceUnavailable', 'Down', { 'Retry-After': '1' }));

    const error = await directory.findById(scope, users[0]!.id).catch((caught: unknown) => caught);

    expect((error as CampusError).code).toBe('CAMPUS_ERR_GRAPH_UNAVAILABLE');
  });

  it('refuses a scope of another tenant', async () => {
    const error = await directory
      .findById({ tenantId: randomUUID() }, users[0]!.id)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CampusError);
    expect((error as CampusError).code).toBe('CAMPUS_ERR_FORBIDDEN');
    expect(server.stats.graphRequests).toHaveLength(0);
  });
});

describe('search', () => {
  it('finds enabled people by prefix with an advanced query', async () => {
    const people = await directory.search(scope, 'ad', 10);

    expect(people.map((person) => person.displayName)).toEqual(['Ada Lovelace']);
    const request = server.stats.graphRequests[0]!;
    expect(request.headers.consistencylevel).toBe('eventual');
    expect(request.query.get('$count')).toBe('true');
    expect(request.query.get('$top')).toBe('10');
    expect(request.query.get('$filter')).toBe(
      "accountEnabled eq true and (startswith(displayName,'ad') or startswith(givenName,'ad') or " +
        "startswith(surname,'ad') or startswith(mail,'ad'))",
    );
  });

  it('matches surnames and honours the limit', async () => {
    await expect(directory.search(scope, 'hop', 5)).resolves.toMatchObject([{ displayName: 'Grace Hopper' }]);
    server.stats.graphRequests.length = 0;

    const people = await directory.search(scope, 'a', 1);
    expect(people).toHaveLength(1);
    expect(server.stats.graphRequests[0]?.query.get('$top')).toBe('1');
  });

  it("quotes apostrophes as OData wants ('')", async () => {
    const people = await directory.search(scope, "O'Br", 5);

    expect(people.map((person) => person.displayName)).toEqual(["Miles O'Brien"]);
    expect(server.stats.graphRequests[0]?.query.get('$filter')).toContain("startswith(surname,'O''Br')");
  });

  it('answers nothing for blank text or a non-positive limit without calling Graph', async () => {
    await expect(directory.search(scope, '   ', 10)).resolves.toEqual([]);
    await expect(directory.search(scope, 'ada', 0)).resolves.toEqual([]);
    expect(server.stats.graphRequests).toHaveLength(0);
  });
});
