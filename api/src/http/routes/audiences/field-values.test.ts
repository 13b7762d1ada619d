import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, smallOrganization } from '../../../domain/audiences/test-support.js';
import { bearer, buildTestApp, testUsers } from '../../test-support.js';
import { directoryWithTestUsers, testAudiences } from './test-support.js';

const people = [
  ...directoryWithTestUsers(),
  person(60, { department: 'Corporate Finance' }),
  person(61, { department: 'finance' }),
  person(62, { department: 'Finance', deleted: true }),
];
let t: Awaited<ReturnType<typeof buildTestApp>>;

beforeAll(async () => {
  t = await buildTestApp({ audiences: testAudiences(new Map(), people) });
});
afterAll(() => t.close());

async function values(url: string, user = testUsers.organizer) {
  const response = await t.app.inject({ method: 'GET', url, headers: bearer(user) });
  return {
    status: response.statusCode,
    body: response.json<{
      field?: string;
      values?: Array<{ value: string; people: number }>;
      code?: string;
      message?: string;
      details?: { field: string };
    }>(),
  };
}

describe('GET /api/audiences/values/{field}', () => {
  it('answers the values containing the text with their people count, starting matches first', async () => {
    const answer = await values('/api/audiences/values/department?search=FIN');
    expect(answer).toMatchObject({
      status: 200,
      body: {
        field: 'department',
        values: [
          { value: 'finance', people: 1 },
          { value: 'Corporate Finance', people: 1 },
        ],
      },
    });
  });

  it('answers the largest values without a text, and as many as asked', async () => {
    const sales = smallOrganization().filter(
      (p) => p.department === 'Sales' && p.accountEnabled && !p.deleted,
    ).length;
    const answer = await values('/api/audiences/values/department?limit=2');
    expect(answer.body.values).toEqual([
      { value: 'Sales', people: sales },
      expect.objectContaining({ value: expect.any(String) }),
    ]);
    const offices = await values('/api/audiences/values/officeLocation?search=par');
    expect(offices.body.values).toEqual([{ value: 'Paris', people: expect.any(Number) }]);
    expect(offices.body.values![0]!.people).toBe(
      people.filter((p) => p.officeLocation === 'Paris' && p.accountEnabled && !p.deleted).length,
    );
  });

  it('counts what a rule on the value selects', async () => {
    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/audiences/preview',
      headers: bearer(testUsers.organizer),
      payload: { rule: { jobTitle: { equals: 'Sales Manager' } } },
    });
    const [title] = (await values('/api/audiences/values/jobTitle?search=sales%20manager')).body.values!;
    expect(title).toEqual({ value: 'Sales Manager', people: preview.json<{ total: number }>().total });
  });

  it('refuses a field without suggestions, naming it', async () => {
    const answer = await values('/api/audiences/values/timeZone');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'CAMPUS_ERR_VALIDATION', details: { field: '/field' } });
    expect(answer.body.message).toContain("field 'timeZone'");
    expect(answer.body.message).toContain(
      'jobTitle, department, officeLocation, city, country, employeeType',
    );
  });

  it('is for organizers only', async () => {
    const answer = await values('/api/audiences/values/department', testUsers.employee);
    expect(answer).toMatchObject({ status: 403, body: { code: 'CAMPUS_ERR_FORBIDDEN' } });
  });
});
