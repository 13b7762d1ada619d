import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestTenant, type TestTenant } from '../test-support.js';
import { ADELE_VANCE_ID } from '../seed/personas.js';

type GraphError = { error: { code: string; message: string; innerError: Record<string, string> } };
type Stats = { httpRequests: number; batchSubRequests: number; byRoute: Record<string, number>; byStatus: Record<string, number>; throttled: number };

let t: TestTenant;
const faults = (body: object) => t.app.inject({ method: 'PUT', url: '/_dev/faults', payload: body });
const user = () => t.graph('GET', `/v1.0/users/${ADELE_VANCE_ID}?$select=id`);

beforeAll(async () => {
  t = await createTestTenant({ size: 100 });
  await t.appToken();
});
beforeEach(async () => {
  await t.app.inject({ method: 'DELETE', url: '/_dev/faults' });
  await t.app.inject({ method: 'POST', url: '/_dev/stats/reset' });
});

describe('fault injection', () => {
  it('throttles with 429, a Retry-After header and Graph\'s TooManyRequests body', async () => {
    expect((await faults({ throttleRate: 1, retryAfterSeconds: 7 })).statusCode).toBe(200);
    const response = await user();
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
    expect(response.json<GraphError>().error.code).toBe('TooManyRequests');
    expect(response.json<GraphError>().error.innerError['request-id']).toBeTruthy();
  });

  it('answers 503 at the unavailable rate, and nothing after DELETE /_dev/faults', async () => {
    await faults({ unavailableRate: 1 });
    const down = await user();
    expect(down.statusCode).toBe(503);
    expect(down.headers['retry-after']).toBe('1');
    expect(down.json<GraphError>().error.code).toBe('serviceNotAvailable');
    await t.app.inject({ method: 'DELETE', url: '/_dev/faults' });
    expect((await user()).statusCode).toBe(200);
  });

  it('limits faults to the path pattern and leaves Entra and /_dev alone', async () => {
    await faults({ throttleRate: 1, pathPattern: '/groups' });
    expect((await user()).statusCode).toBe(200);
    expect((await t.graph('GET', '/v1.0/groups')).statusCode).toBe(429);
    expect((await t.app.inject({ method: 'GET', url: `/${t.tenantId}/discovery/v2.0/keys` })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/_dev/tenant' })).statusCode).toBe(200);
  });

  it('is deterministic for a seed', async () => {
    const run = async () => {
      await faults({ throttleRate: 0.3, seed: 5 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await user()).statusCode);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(429);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });

  it('spreads an even share of faults from the first request on, alternating the kinds by their rates', async () => {
    await faults({ throttleRate: 0.1, unavailableRate: 0.1, spread: 'even' });
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await user()).statusCode);
    expect(statuses).toEqual([429, 200, 200, 200, 200, 503, 200, 200, 200, 200, 429, 200, 200, 200, 200]);
    expect((await faults({ throttleRate: 0.2, spread: 'sometimes' })).json<{ message: string }>().message).toBe("spread must be 'random' or 'even'");
  });

  it('validates its settings', async () => {
    const bad = await faults({ throttleRate: 2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ code: string; message: string }>()).toMatchObject({ code: 'DEV_TENANT_BAD_FAULTS', message: 'throttleRate must be a number between 0 and 1' });
    expect((await faults({ pathPattern: '(' })).json<{ code: string }>().code).toBe('DEV_TENANT_BAD_FAULTS');
  });
});

describe('request stats', () => {
  it('counts Graph requests by route template and status, batch items apart', async () => {
    await user();
    await user();
    await t.graph('GET', '/v1.0/users/nobody@contoso-dev.onmicrosoft.com');
    await t.graph('POST', '/v1.0/$batch', { body: { requests: [{ id: '1', method: 'GET', url: '/groups' }, { id: '2', method: 'GET', url: '/users?$top=1' }] } });
    const stats = (await t.app.inject({ method: 'GET', url: '/_dev/stats' })).json<Stats>();
    expect(stats.byRoute['GET /v1.0/users/:id']).toBe(3);
    expect(stats.byRoute['POST /v1.0/$batch']).toBe(1);
    expect(stats.byRoute['GET /v1.0/groups']).toBe(1);
    expect(stats.httpRequests).toBe(4);
    expect(stats.batchSubRequests).toBe(2);
    expect(stats.byStatus).toEqual({ '200': 5, '404': 1 });
    await t.app.inject({ method: 'POST', url: '/_dev/stats/reset' });
    expect((await t.app.inject({ method: 'GET', url: '/_dev/stats' })).json<Stats>().httpRequests).toBe(0);
  });
});
