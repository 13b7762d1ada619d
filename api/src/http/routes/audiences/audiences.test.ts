import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pid } from '../../../domain/audiences/test-support.js';
import { bearer, buildTestApp, testUsers } from '../../test-support.js';
import { createSession } from '../registrations/route-support.js';
import { testAudiences } from './test-support.js';

const GROUP = pid(900);
const groups = new Map<string, string[]>([[GROUP, [pid(5), pid(11), pid(14)]]]);
let t: Awaited<ReturnType<typeof buildTestApp>>;

beforeAll(async () => {
  t = await buildTestApp({ audiences: testAudiences(groups) });
});
afterAll(() => t.close());

interface Preview {
  total: number;
  byOffice: Array<{ value: string | null; count: number; other: boolean }>;
  byDepartment: Array<{ value: string | null; count: number; other: boolean }>;
  sample: Array<{ id: string }>;
  warnings: Array<{ field: string; message: string }>;
}

async function call<T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  user = testUsers.organizer,
) {
  const response = await t.app.inject({
    method,
    url,
    headers: bearer(user),
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: response.statusCode, body: (response.body ? response.json() : null) as T };
}

const salesInSeattle = {
  all: [{ department: { is: ['sales'] } }, { officeLocation: { is: ['Seattle HQ'] } }],
};

describe('audience routes', () => {
  it('previews a rule being edited: total, breakdowns and a sample of enabled people', async () => {
    const preview = await call<Preview>('POST', '/api/audiences/preview', { rule: salesInSeattle });
    expect(preview.status).toBe(200);
    expect(preview.body.total).toBe(8);
    expect(preview.body.byOffice).toEqual([{ value: 'Seattle HQ', count: 8, other: false }]);
    expect(preview.body.byDepartment).toEqual([{ value: 'Sales', count: 8, other: false }]);
    expect(preview.body.sample).toHaveLength(8);
    expect(preview.body.sample.map((member) => member.id)).not.toContain(pid(6));
  });

  it('saves, lists, renames, changes and deletes an audience', async () => {
    const created = await call<{ id: string; name: string; rule: unknown; createdBy: { id: string } }>(
      'POST',
      '/api/audiences',
      { name: 'Seattle sales', rule: salesInSeattle },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Seattle sales',
      rule: salesInSeattle,
      createdBy: { id: testUsers.organizer.id },
    });
    const id = created.body.id;
    expect((await call('GET', `/api/audiences/${id}`)).body).toMatchObject({ id, name: 'Seattle sales' });
    expect(
      (await call<{ audiences: Array<{ id: string }> }>('GET', '/api/audiences')).body.audiences.map(
        (audience) => audience.id,
      ),
    ).toContain(id);

    const changed = await call('PATCH', `/api/audiences/${id}`, {
      name: 'Paris people',
      description: 'Everyone in Paris',
      rule: { city: { is: ['Paris'] } },
    });
    expect(changed).toMatchObject({
      status: 200,
      body: { name: 'Paris people', description: 'Everyone in Paris', rule: { city: { is: ['Paris'] } } },
    });
    expect((await call<Preview>('GET', `/api/audiences/${id}/preview`)).body.total).toBe(5);

    expect((await call('DELETE', `/api/audiences/${id}`)).status).toBe(204);
    expect(await call('GET', `/api/audiences/${id}`)).toMatchObject({
      status: 404,
      body: { code: 'CAMPUS_ERR_AUDIENCE_NOT_FOUND' },
    });
    expect(await call('DELETE', `/api/audiences/${id}`)).toMatchObject({
      status: 404,
      body: { code: 'CAMPUS_ERR_AUDIENCE_NOT_FOUND' },
    });
  });

  it('refuses a second audience of the same name', async () => {
    expect(
      (
        await call('POST', '/api/audiences', {
          name: 'Engineering',
          rule: { department: { is: ['Engineering'] } },
        })
      ).status,
    ).toBe(201);
    expect(
      await call('POST', '/api/audiences', { name: 'ENGINEERING', rule: { city: { is: ['Paris'] } } }),
    ).toMatchObject({
      status: 409,
      body: { code: 'CAMPUS_ERR_AUDIENCE_NAME_TAKEN', details: { field: '/name' } },
    });
  });

  describe('an invalid rule answers 400 naming the clause, and saves nothing', () => {
    const cases: Array<[string, unknown, string]> = [
      [
        'an unknown field',
        { all: [{ department: { is: ['Sales'] } }, { office: { is: ['London'] } }] },
        '/all/1/office',
      ],
      [
        'a bad operator',
        { any: [{ city: { is: ['Paris'] } }, { jobTitle: { endsWith: 'Manager' } }] },
        '/any/1/jobTitle/endsWith',
      ],
      [
        'an empty value',
        {
          all: [{ city: { is: ['Paris'] } }, { city: { is: ['London'] } }, { jobTitle: { startsWith: '' } }],
        },
        '/all/2/jobTitle/startsWith',
      ],
      [
        'a manager not in the directory',
        { all: [{ city: { is: ['Paris'] } }, { manager: { under: pid(404) } }] },
        '/all/1/manager/under',
      ],
      ['a deleted manager', { manager: { under: pid(7), scope: 'direct' } }, '/manager/under'],
      ['a group that does not exist', { not: { group: { memberOf: pid(901) } } }, '/not/group/memberOf'],
      [
        'an included person not in the directory',
        { people: { include: [pid(5), pid(405)] } },
        '/people/include/1',
      ],
    ];
    it.each(cases)('%s', async (_name, rule, field) => {
      for (const [method, url, body] of [
        ['POST', '/api/audiences/preview', { rule }],
        ['POST', '/api/audiences', { name: `Invalid ${field}`, rule }],
      ] as const) {
        const answer = await call<{ code: string; message: string; details: { field: string } }>(
          method,
          url,
          body,
        );
        expect(answer.status).toBe(400);
        expect(answer.body.code).toBe('CAMPUS_ERR_INVALID_AUDIENCE_RULE');
        expect(answer.body.details.field).toBe(field);
        expect(answer.body.message).toContain(field);
      }
      const listed = await call<{ audiences: Array<{ name: string }> }>('GET', '/api/audiences?limit=100');
      expect(listed.body.audiences.map((audience) => audience.name)).not.toContain(`Invalid ${field}`);
    });

    it('a body without a rule', async () => {
      expect(await call('POST', '/api/audiences', { name: 'No rule' })).toMatchObject({
        status: 400,
        body: { code: 'CAMPUS_ERR_VALIDATION', details: { field: '/rule' } },
      });
    });
  });

  it('pages through the members in id order, everyone exactly once, as many as the preview counts', async () => {
    const everyone = { people: { exclude: [pid(1)] } };
    const created = await call<{ id: string }>('POST', '/api/audiences', {
      name: 'Everyone but the CEO',
      rule: everyone,
    });
    const preview = await call<Preview>('GET', `/api/audiences/${created.body.id}/preview`);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=4&cursor=${cursor}` : '?limit=4';
      const page = await call<{
        total: number;
        members: Array<{ id: string; mail: string }>;
        nextCursor: string | null;
      }>('GET', `/api/audiences/${created.body.id}/members${query}`);
      expect(page.status).toBe(200);
      expect(page.body.members.length).toBeLessThanOrEqual(4);
      expect(page.body.total).toBe(preview.body.total);
      seen.push(...page.body.members.map((member) => member.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toHaveLength(preview.body.total);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
    expect(seen).not.toContain(pid(1));
    expect(pages).toBe(Math.ceil(preview.body.total / 4));

    const other = await call<{ id: string }>('POST', '/api/audiences', {
      name: 'Paris',
      rule: { city: { is: ['Paris'] } },
    });
    const firstPage = await call<{ nextCursor: string }>(
      'GET',
      `/api/audiences/${created.body.id}/members?limit=2`,
    );
    expect(
      await call('GET', `/api/audiences/${other.body.id}/members?cursor=${firstPage.body.nextCursor}`),
    ).toMatchObject({
      status: 400,
      body: { code: 'CAMPUS_ERR_VALIDATION', details: { field: '/cursor' } },
    });
    expect(await call('GET', `/api/audiences/${created.body.id}/members?limit=1001`)).toMatchObject({
      status: 400,
      body: { code: 'CAMPUS_ERR_VALIDATION' },
    });
  });

  it('keeps answering for a saved audience whose group has gone, with a warning naming the clause', async () => {
    const doomed = pid(902);
    groups.set(doomed, [pid(9)]);
    const created = await call<{ id: string }>('POST', '/api/audiences', {
      name: 'Doomed group or London',
      rule: { any: [{ group: { memberOf: doomed } }, { city: { is: ['London'] } }] },
    });
    expect(created.status).toBe(201);
    groups.delete(doomed);
    const members = await call<{ members: Array<{ id: string }>; warnings: unknown[] }>(
      'GET',
      `/api/audiences/${created.body.id}/members`,
    );
    expect(members.body.members.map((member) => member.id)).toEqual([pid(11)]);
    expect(members.body.warnings).toEqual([
      { field: '/any/0/group/memberOf', message: `group '${doomed}' does not exist` },
    ]);
  });

  it('selects group members through the rule', async () => {
    const preview = await call<Preview>('POST', '/api/audiences/preview', {
      rule: { all: [{ group: { memberOf: GROUP } }, { not: { city: { is: ['Paris'] } } }] },
    });
    expect(preview.body.total).toBe(2);
  });

  it('leaves out people who registered for a session on the topic', async () => {
    const sessionId = await createSession(t, 10, {
      title: 'Power BI for month-end reporting',
      abstract: 'Dashboards that read SAP.',
    });
    const registered = await t.app.inject({
      method: 'POST',
      url: `/api/sessions/${sessionId}/registrations`,
      headers: bearer(testUsers.employee),
    });
    expect(registered.json()).toMatchObject({ status: 'confirmed' });
    const preview = await call<Preview>('POST', '/api/audiences/preview', {
      rule: {
        all: [{ department: { is: ['Operations'] } }, { attendance: { notAttendedTopic: 'power bi' } }],
      },
    });
    expect(preview.body.total).toBe(2);
    expect(preview.body.sample.map((member) => member.id)).not.toContain(testUsers.employee.id);
  });

  it('is for organizers only', async () => {
    const saved = await call<{ id: string }>('POST', '/api/audiences', {
      name: 'Organizer only',
      rule: { city: { is: ['Paris'] } },
    });
    for (const [method, url, body] of [
      ['POST', '/api/audiences/preview', { rule: salesInSeattle }],
      ['POST', '/api/audiences', { name: 'Mine', rule: salesInSeattle }],
      ['GET', '/api/audiences', undefined],
      ['GET', `/api/audiences/${saved.body.id}`, undefined],
      ['PATCH', `/api/audiences/${saved.body.id}`, { name: 'Taken over' }],
      ['DELETE', `/api/audiences/${saved.body.id}`, undefined],
      ['GET', `/api/audiences/${saved.body.id}/preview`, undefined],
      ['GET', `/api/audiences/${saved.body.id}/members`, undefined],
      ['GET', '/api/experts?topic=SAP', undefined],
    ] as const) {
      expect(await call(method, url, body, testUsers.employee)).toMatchObject({
        status: 403,
        body: { code: 'CAMPUS_ERR_FORBIDDEN' },
      });
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/audiences' });
    expect(anonymous.json()).toMatchObject({ code: 'CAMPUS_ERR_UNAUTHENTICATED' });
    expect((await call('GET', `/api/audiences/${saved.body.id}`)).body).toMatchObject({
      name: 'Organizer only',
    });
  });

  it('ranks experts for a topic and explains the score', async () => {
    const answer = await call<{
      words: string[];
      experts: Array<{ id: string; score: number; matchedIn: string[] }>;
    }>('GET', '/api/experts?topic=Power%20BI&limit=5');
    expect(answer.status).toBe(200);
    expect(answer.body.words).toEqual(['power', 'bi']);
    expect(answer.body.experts.map((expert) => expert.id)).toEqual([pid(5)]);
    expect(answer.body.experts[0]).toMatchObject({
      matchedIn: ['skills'],
      matchingSkills: ['Power BI'],
      exactSkill: true,
    });
    expect(await call('GET', '/api/experts?topic=%20and%20the%20')).toMatchObject({
      status: 400,
      body: { code: 'CAMPUS_ERR_VALIDATION', details: { field: '/topic' } },
    });
  });

  it('documents every audience, expert and group route with its answers', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const routes = Object.entries(document.paths)
      .filter(([path]) =>
        ['/api/audiences', '/api/experts', '/api/groups'].some((prefix) => path.startsWith(prefix)),
      )
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({
          name: `${method} ${path}`,
          statuses: Object.keys(operation.responses),
        })),
      );
    expect(routes.map((route) => route.name).sort()).toEqual([
      'delete /api/audiences/{audienceId}',
      'get /api/audiences',
      'get /api/audiences/values/{field}',
      'get /api/audiences/{audienceId}',
      'get /api/audiences/{audienceId}/members',
      'get /api/audiences/{audienceId}/preview',
      'get /api/experts',
      'get /api/groups',
      'patch /api/audiences/{audienceId}',
      'post /api/audiences',
      'post /api/audiences/preview',
    ]);
    for (const route of routes)
      expect(route.statuses.some((status) => status.startsWith('2')) && route.statuses.includes('4XX')).toBe(
        true,
      );
  });
});
