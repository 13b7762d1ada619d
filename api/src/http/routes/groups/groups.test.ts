import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pid } from '../../../domain/audiences/test-support.js';
import { bearer, buildTestApp, testUsers } from '../../test-support.js';
import { testAudiences } from '../audiences/test-support.js';

const finance = { id: pid(901), displayName: 'Corporate Finance', description: 'Everyone in finance' };
const financeLeads = { id: pid(902), displayName: 'Finance Leads', description: null };
const sales = { id: pid(903), displayName: 'Sales', description: null };
let t: Awaited<ReturnType<typeof buildTestApp>>;

beforeAll(async () => {
  t = await buildTestApp({ audiences: testAudiences(new Map(), undefined, [finance, financeLeads, sales]) });
});
afterAll(() => t.close());

async function groups(query: string, user = testUsers.organizer) {
  const response = await t.app.inject({ method: 'GET', url: `/api/groups${query}`, headers: bearer(user) });
  return {
    status: response.statusCode,
    body: response.json<{ groups?: unknown[]; code?: string; details?: { field: string } }>(),
  };
}

describe('GET /api/groups', () => {
  it('finds groups by the start of a word of their name, by name', async () => {
    expect(await groups('?search=fin')).toEqual({ status: 200, body: { groups: [finance, financeLeads] } });
    expect((await groups('?search=fin&limit=1')).body.groups).toEqual([finance]);
    expect((await groups('?search=nothing')).body.groups).toEqual([]);
  });

  it('names the groups of a saved rule, leaving out those gone', async () => {
    const answer = await groups(`?ids=${sales.id},${pid(999)},${sales.id.toUpperCase()}`);
    expect(answer).toEqual({ status: 200, body: { groups: [sales] } });
  });

  it('wants either search or ids, and ids that are object ids', async () => {
    for (const query of ['', `?search=fin&ids=${sales.id}`]) {
      expect(await groups(query)).toMatchObject({
        status: 400,
        body: { code: 'CAMPUS_ERR_VALIDATION', details: { field: '/search' } },
      });
    }
    expect(await groups('?ids=finance')).toMatchObject({
      status: 400,
      body: { code: 'CAMPUS_ERR_VALIDATION', details: { field: '/ids' } },
    });
  });

  it('is for organizers only', async () => {
    expect(await groups('?search=fin', testUsers.employee)).toMatchObject({
      status: 403,
      body: { code: 'CAMPUS_ERR_FORBIDDEN' },
    });
  });
});
