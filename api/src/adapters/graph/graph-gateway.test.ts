import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CampusError } from '../../errors.js';
import { createGraphGateway, type GraphGatewayConfig } from './graph-gateway.js';
import { GraphRequestError } from './graph-request-error.js';
import { graphError, startGraphTestServer, type GraphTestServer } from './graph-test-server.js';

let server: GraphTestServer;
let delays: number[];

beforeAll(async () => {
  server = await startGraphTestServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  delays = [];
  server.stats.tokenRequests = 0;
  server.stats.tokenScopes.length = 0;
  server.stats.graphRequests.length = 0;
  server.stats.unauthorized = 0;
  server.stats.maxInFlight = 0;
  server.tokenLifetimeSeconds = 3600;
});

function gateway(overrides: Partial<GraphGatewayConfig> = {}) {
  return createGraphGateway(
    server.config({
      sleep: async (ms) => {
        delays.push(ms);
      },
      ...overrides,
    }),
  );
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('tokens', () => {
  it('acquires one token for a burst of 100 calls, for the Graph resource, and sends it to the local host', async () => {
    server.handle((request) => ({ body: { id: request.path.split('/')[2] } }));
    const warnings: string[] = [];
    const graph = gateway({
      maxConcurrency: 8,
      logger: { warn: (_details, message) => warnings.push(message) },
    });

    const users = await Promise.all(
      Array.from({ length: 100 }, (_, i) => graph.get<{ id: string }>(`/users/user-${i}`)),
    );

    expect(users.map((user) => user.id)).toEqual(Array.from({ length: 100 }, (_, i) => `user-${i}`));
    expect(server.stats.tokenRequests).toBe(1);
    expect(server.stats.tokenScopes[0]?.split(' ')).toContain('https://graph.microsoft.com/.default');
    expect(server.stats.unauthorized).toBe(0);
    expect(new Set(server.stats.graphRequests.map((request) => request.headers.authorization))).toEqual(
      new Set(['Bearer token-1']),
    );
    expect(warnings).toEqual([]);
  });

  it('reuses the token until it nears expiry, then acquires a new one', async () => {
    server.handle(() => ({ body: { ok: true } }));
    let now = Date.now();
    const graph = gateway({ now: () => now });

    await graph.get('/me');
    now += 50 * 60_000;
    await graph.get('/me');
    expect(server.stats.tokenRequests).toBe(1);

    now += 6 * 60_000; // 4 minutes before expiry: inside the 5-minute margin.
    await graph.get('/me');
    expect(server.stats.tokenRequests).toBe(2);
    expect(server.stats.graphRequests.at(-1)?.headers.authorization).toBe('Bearer token-2');
  });

  it('renews a token Graph rejects with 401 and sends the request again', async () => {
    server.handle(() => ({ body: { ok: true } }));
    const graph = gateway();
    await graph.get('/me');
    server.revoke('token-1');

    await expect(graph.get('/me')).resolves.toEqual({ ok: true });
    expect(server.stats.tokenRequests).toBe(2);
    expect(server.stats.unauthorized).toBe(1);
  });

  it('reports a rejected client secret as CAMPUS_ERR_GRAPH_UNAVAILABLE without retrying it', async () => {
    const graph = createGraphGateway({ ...server.config({ clientSecret: 'wrong' }), sleep: async () => {} });

    const error = await rejection(graph.get('/me'));

    expect(error).toBeInstanceOf(CampusError);
    expect((error as CampusError).code).toBe('CAMPUS_ERR_GRAPH_UNAVAILABLE');
    expect((error as CampusError).cause).toBeDefined();
    expect(server.stats.tokenRequests).toBe(1);
    expect(server.stats.graphRequests).toHaveLength(0);
  });
});

describe('retries', () => {
  it('honours Retry-After (seconds) on 429 and succeeds', async () => {
    let calls = 0;
    server.handle(() => {
      calls += 1;
      return calls <= 2
        ? graphError(429, 'TooManyRequests', 'Slow down', { 'Retry-After': '7' })
        : { body: { id: 'u1' } };
    });

    await expect(gateway().get('/users/u1')).resolves.toEqual({ id: 'u1' });
    expect(delays).toEqual([7000, 7000]);
    expect(server.stats.graphRequests).toHaveLength(3);
  });

  it('honours a Retry-After given as an HTTP date', async () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    let calls = 0;
    server.handle(() => {
      calls += 1;
      return calls === 1
        ? graphError(503, 'ServiceUnavailable', 'Busy', { 'Retry-After': 'Sun, 01 Mar 2026 10:00:12 GMT' })
        : { body: { ok: true } };
    });

    await expect(gateway({ now: () => now }).get('/me')).resolves.toEqual({ ok: true });
    expect(delays).toEqual([12_000]);
  });

  it('backs off exponentially with jitter when Graph gives no Retry-After', async () => {
    let calls = 0;
    server.handle(() => {
      calls += 1;
      return calls <= 4 ? graphError(504, 'GatewayTimeout', 'Timed out') : { body: { ok: true } };
    });

    await gateway().get('/me');

    expect(delays).toHaveLength(4);
    delays.forEach((delay, index) => {
      const ceiling = 500 * 2 ** index;
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    });
  });

  it('stops after maxRetries and throws CAMPUS_ERR_GRAPH_UNAVAILABLE with the Graph error as cause', async () => {
    server.handle(() => graphError(503, 'ServiceUnavailable', 'Down', { 'Retry-After': '1' }));

    const error = await rejection(gateway({ maxRetries: 3 }).get('/users/u1'));

    expect(error).toBeInstanceOf(CampusError);
    expect((error as CampusError).code).toBe('CAMPUS_ERR_GRAPH_UNAVAILABLE');
    expect((error as CampusError).statusCode).toBe(503);
    const cause = (error as CampusError).cause as GraphRequestError;
    expect(cause).toBeInstanceOf(GraphRequestError);
    expect(cause.status).toBe(503);
    expect(cause.graphCode).toBe('ServiceUnavailable');
    // Graph's last Retry-After travels with the error, for callers that retry later on their own (the outbox).
    expect((error as CampusError).details).toMatchObject({ retryAfterMs: 1000 });
    expect(server.stats.graphRequests).toHaveLength(4);
    expect(delays).toEqual([1000, 1000, 1000]);
  });

  it('leaves retrying to the gateway alone: with maxRetries 0 a 429 is sent exactly once', async () => {
    server.handle(() => graphError(429, 'TooManyRequests', 'Slow down', { 'Retry-After': '0' }));

    const error = await rejection(gateway({ maxRetries: 0 }).get('/me'));

    expect((error as CampusError).code).toBe('CAMPUS_ERR_GRAPH_UNAVAILABLE');
    expect(server.stats.graphRequests).toHaveLength(1);
  });

  it('retries a request whose connection was reset', async () => {
    let calls = 0;
    server.handle(() => {
      calls += 1;
      return calls === 1 ? { reset: true } : { body: { ok: true } };
    });

    await expect(gateway().post('/users/u1/checkMemberGroups', { groupIds: ['g'] })).resolves.toEqual({
      ok: true,
    });
    expect(server.stats.graphRequests).toHaveLength(2);
    expect(delays).toHaveLength(1);
  });

  it('throws a typed GraphRequestError for 404 without retrying', async () => {
    server.handle(() => graphError(404, 'Request_ResourceNotFound', "Resource 'u9' does not exist"));

    const error = await rejection(gateway().get('/users/u9'));

    expect(error).toBeInstanceOf(GraphRequestError);
    const failure = error as GraphRequestError;
    expect(failure.status).toBe(404);
    expect(failure.graphCode).toBe('Request_ResourceNotFound');
    expect(failure.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(failure.cause).toBeDefined();
    expect(server.stats.graphRequests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('throws 403 as GraphRequestError too', async () => {
    server.handle(() => graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges'));

    const error = await rejection(gateway().patch('/users/u1/events/e1', { attendees: [] }));

    expect((error as GraphRequestError).status).toBe(403);
    expect((error as GraphRequestError).graphCode).toBe('Authorization_RequestDenied');
  });
});

describe('paging and headers', () => {
  it('follows absolute @odata.nextLink to the last page, keeping headers', async () => {
    server.handle((request) => {
      const page = Number(request.query.get('$skiptoken') ?? '0');
      const value = Array.from({ length: page < 3 ? 10 : 4 }, (_, i) => ({ id: `u${page * 10 + i}` }));
      const nextLink = page < 3 ? `${server.url}/v1.0/users?$top=10&$skiptoken=${page + 1}` : undefined;
      return { body: { value, ...(nextLink ? { '@odata.nextLink': nextLink } : {}) } };
    });

    const seen: string[] = [];
    for await (const page of gateway().pages<{ id: string }>('/users?$top=10', {
      ConsistencyLevel: 'eventual',
    })) {
      seen.push(...page.map((user) => user.id));
    }

    expect(seen).toHaveLength(34);
    expect(seen.at(-1)).toBe('u33');
    expect(server.stats.graphRequests).toHaveLength(4);
    expect(
      server.stats.graphRequests.every((request) => request.headers.consistencylevel === 'eventual'),
    ).toBe(true);
  });
});

describe('batch', () => {
  it('splits 45 requests into 20 + 20 + 5 and retries a throttled sub-request after its Retry-After', async () => {
    const envelopes: number[] = [];
    let throttledOnce = false;
    server.handle((request) => {
      const { requests } = request.body as { requests: Array<{ id: string; url: string }> };
      envelopes.push(requests.length);
      return {
        body: {
          responses: requests.map((sub) => {
            if (sub.id === '17' && !throttledOnce) {
              throttledOnce = true;
              return {
                id: sub.id,
                status: 429,
                headers: { 'Retry-After': '3' },
                body: { error: { code: 'TooMany' } },
              };
            }
            return { id: sub.id, status: 200, headers: {}, body: { url: sub.url } };
          }),
        },
      };
    });
    const requests = Array.from({ length: 45 }, (_, i) => ({
      id: String(i),
      method: 'GET' as const,
      url: `/users/u${i}`,
    }));

    const responses = await gateway().batch(requests);

    expect(envelopes.slice(0, 3).sort((a, b) => b - a)).toEqual([20, 20, 5]);
    expect(envelopes.slice(3)).toEqual([1]);
    expect(server.stats.graphRequests.every((request) => request.path === '/$batch')).toBe(true);
    expect(responses.map((response) => response.id)).toEqual(requests.map((request) => request.id));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(responses[17]?.body).toEqual({ url: '/users/u17' });
    expect(delays).toEqual([3000]);
  });

  it('returns non-transient sub-request failures as they are, and sends Content-Type with bodies', async () => {
    server.handle((request) => {
      const { requests } = request.body as {
        requests: Array<{ id: string; headers?: Record<string, string> }>;
      };
      return {
        body: {
          responses: requests.map((sub) =>
            sub.id === 'a'
              ? { id: 'a', status: 404, body: { error: { code: 'Request_ResourceNotFound' } } }
              : { id: sub.id, status: 200, body: { contentType: sub.headers?.['Content-Type'] ?? null } },
          ),
        },
      };
    });

    const responses = await gateway().batch([
      { id: 'a', method: 'GET', url: '/users/missing' },
      { id: 'b', method: 'POST', url: '/users/u1/checkMemberGroups', body: { groupIds: ['g'] } },
    ]);

    expect(responses.map((response) => response.status)).toEqual([404, 200]);
    expect(responses[1]?.body).toEqual({ contentType: 'application/json' });
    expect(delays).toEqual([]);
  });
});

describe('concurrency', () => {
  it('never has more than maxConcurrency requests at Graph at once', async () => {
    const held: Array<() => void> = [];
    server.handle(
      () =>
        new Promise((resolve) => {
          held.push(() => resolve({ body: { ok: true } }));
        }),
    );
    const graph = gateway({ maxConcurrency: 3 });
    const total = 20;
    let finished = 0;
    const calls = Array.from({ length: total }, () => graph.get('/me').then(() => (finished += 1)));

    while (finished < total) {
      const expected = Math.min(3, total - finished);
      while (held.length < expected) await new Promise((resolve) => setTimeout(resolve, 5));
      // Give extra requests (if the cap leaked) the chance to arrive before releasing this round.
      await new Promise((resolve) => setTimeout(resolve, 20));
      const round = held.splice(0);
      const before = finished;
      round.forEach((release) => release());
      while (finished < before + round.length) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all(calls);

    expect(server.stats.maxInFlight).toBe(3);
    expect(server.stats.graphRequests).toHaveLength(total);
  });
});

describe('configuration', () => {
  it('refuses an http:// Graph URL, naming the setting', () => {
    expect(() => createGraphGateway(server.config({ graphBaseUrl: 'http://localhost:1' }))).toThrow(
      /graphBaseUrl/,
    );
  });

  it('refuses a Graph URL with a path, naming the setting', () => {
    expect(() => createGraphGateway(server.config({ graphBaseUrl: `${server.url}/v1.0` }))).toThrow(
      /graphBaseUrl/,
    );
  });
});
