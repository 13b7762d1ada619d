import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestTenant, type TestTenant } from '../test-support.js';
import { ADELE_VANCE_ID, ALEX_WILBER_ID, MEGAN_BOWEN_ID } from '../seed/personas.js';

type BatchBody = { responses: Array<{ id: string; status: number; headers: Record<string, string>; body?: Record<string, unknown> & { error?: { code: string } } }> };
type GraphError = { error: { code: string; message: string } };

let t: TestTenant;
const batch = (requests: unknown[], token?: string) => t.graph('POST', '/v1.0/$batch', { body: { requests }, ...(token ? { token } : {}) });

beforeAll(async () => {
  t = await createTestTenant({ size: 200 });
});
beforeEach(async () => {
  await t.app.inject({ method: 'DELETE', url: '/_dev/faults' });
});

describe('POST /$batch', () => {
  it('runs each request with the envelope token, relative URLs with or without a leading slash', async () => {
    const response = await batch([
      { id: '1', method: 'GET', url: `/users/${ADELE_VANCE_ID}?$select=displayName` },
      { id: '2', method: 'GET', url: `users/${ALEX_WILBER_ID}/manager?$select=id` },
      { id: '3', method: 'GET', url: '/users/nobody@contoso-dev.onmicrosoft.com' },
      { id: '4', method: 'GET', url: '/users/$count', headers: { ConsistencyLevel: 'eventual' } },
    ]);
    expect(response.statusCode).toBe(200);
    const byId = new Map(response.json<BatchBody>().responses.map((r) => [r.id, r]));
    expect(byId.get('1')).toMatchObject({ status: 200, body: { displayName: 'Adele Vance', id: ADELE_VANCE_ID }, headers: { 'Content-Type': expect.stringContaining('application/json') } });
    expect(byId.get('2')!.status).toBe(200);
    expect(byId.get('3')).toMatchObject({ status: 404, body: { error: { code: 'Request_ResourceNotFound' } } });
    expect(byId.get('4')).toMatchObject({ status: 200, body: '200' });
  });

  it('serves /me items for a delegated envelope token', async () => {
    const token = await t.userGraphToken(ADELE_VANCE_ID);
    const response = await batch([{ id: 'me', method: 'GET', url: '/me/manager?$select=id' }], token);
    expect(response.json<BatchBody>().responses[0]).toMatchObject({ status: 200, body: { id: MEGAN_BOWEN_ID } });
  });

  it('accepts 20 requests and refuses 21 with a 400 for the whole batch', async () => {
    const requests = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i + 1), method: 'GET', url: `/users/${ADELE_VANCE_ID}?$select=id` }));
    expect((await batch(requests(20))).json<BatchBody>().responses).toHaveLength(20);
    const tooMany = await batch(requests(21));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json<GraphError>().error).toMatchObject({ code: 'BadRequest', message: 'Number of requests inside batch exceeds the limit of 20.' });
  });

  it('orders by dependsOn and fails dependents of a failed request with 424', async () => {
    const response = await batch([
      { id: 'c', method: 'GET', url: `/users/${ADELE_VANCE_ID}?$select=id`, dependsOn: ['b'] },
      { id: 'b', method: 'GET', url: '/users/unknown-person@contoso-dev.onmicrosoft.com', dependsOn: ['a'] },
      { id: 'a', method: 'GET', url: `/users/${ALEX_WILBER_ID}?$select=id` },
    ]);
    const byId = new Map(response.json<BatchBody>().responses.map((r) => [r.id, r]));
    expect(response.json<BatchBody>().responses.map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(byId.get('a')!.status).toBe(200);
    expect(byId.get('b')!.status).toBe(404);
    expect(byId.get('c')).toMatchObject({ status: 424, body: { error: { code: 'FailedDependency' } } });
    const cycle = await batch([{ id: 'x', method: 'GET', url: '/users', dependsOn: ['y'] }, { id: 'y', method: 'GET', url: '/users', dependsOn: ['x'] }]);
    expect(cycle.statusCode).toBe(400);
  });

  it('throttles items individually: a throttled item carries its own 429 and Retry-After', async () => {
    await t.app.inject({ method: 'PUT', url: '/_dev/faults', payload: { throttleRate: 0.5, retryAfterSeconds: 3, seed: 11 } });
    const response = await batch(Array.from({ length: 20 }, (_, i) => ({ id: String(i), method: 'GET', url: `/users/${ADELE_VANCE_ID}?$select=id` })));
    expect(response.statusCode).toBe(200);
    const statuses = response.json<BatchBody>().responses.map((r) => r.status);
    expect(statuses).toContain(429);
    expect(statuses).toContain(200);
    for (const item of response.json<BatchBody>().responses.filter((r) => r.status === 429)) {
      expect(item.headers['Retry-After']).toBe('3');
      expect(item.body!.error!.code).toBe('TooManyRequests');
    }
  });

  it('rejects malformed envelopes and items', async () => {
    const noRequests = await t.graph('POST', '/v1.0/$batch', { body: { items: [] } });
    expect(noRequests.json<GraphError>().error.code).toBe('BadRequest');
    const duplicate = await batch([{ id: '1', method: 'GET', url: '/users' }, { id: '1', method: 'GET', url: '/users' }]);
    expect(duplicate.statusCode).toBe(400);
    const items = (await batch([
      { id: 'abs', method: 'GET', url: 'https://graph.microsoft.com/v1.0/users' },
      { id: 'body', method: 'POST', url: `/users/${ADELE_VANCE_ID}/checkMemberGroups`, body: { groupIds: [] } },
    ])).json<BatchBody>().responses;
    expect(items.map((r) => r.status)).toEqual([400, 400]);
  });
});
