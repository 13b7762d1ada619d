import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CampusError } from '../../errors.js';
import { createGraphGateway } from './graph-gateway.js';
import { GraphRequestError } from './graph-request-error.js';
import { graphError, startGraphTestServer, type GraphTestServer, type Reply } from './graph-test-server.js';
import { writeBatcherFor } from './write-batcher.js';

let server: GraphTestServer;

/** Answers each write by its path: /ok/* succeed, /missing/* are 404, /busy/* stay throttled. */
function answer(method: string, path: string): Reply {
  if (path.startsWith('/ok/')) return { status: method === 'POST' ? 201 : 200, body: { id: path.slice(4) } };
  if (path.startsWith('/busy/'))
    return graphError(429, 'TooManyRequests', 'Slow down', { 'Retry-After': '7' });
  return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
}

beforeAll(async () => {
  server = await startGraphTestServer();
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => {
  server.stats.graphRequests.length = 0;
  server.handle((request) => {
    if (request.path !== '/$batch') return answer(request.method, request.path);
    const { requests } = request.body as { requests: Array<{ id: string; method: string; url: string }> };
    return {
      body: {
        responses: requests.map((sub) => {
          const reply = answer(sub.method, sub.url);
          return { id: sub.id, status: reply.status ?? 200, headers: reply.headers ?? {}, body: reply.body };
        }),
      },
    };
  });
});

function batcher() {
  return writeBatcherFor(
    createGraphGateway({ ...server.config(), maxRetries: 0, sleep: async () => undefined }),
  );
}

describe('Graph write batcher', () => {
  it('sends writes made together as one $batch and answers each with its own result', async () => {
    const writes = batcher();
    const [created, patched, missing, busy] = await Promise.allSettled([
      writes.send({ method: 'POST', path: '/ok/a', body: { n: 1 } }),
      writes.send({ method: 'PATCH', path: '/ok/b', body: { n: 2 } }),
      writes.send({ method: 'PATCH', path: '/missing/c', body: {} }),
      writes.send({ method: 'POST', path: '/busy/d', body: {} }),
    ]);
    expect(server.stats.graphRequests.map((request) => request.path)).toEqual(['/$batch']);
    expect((server.stats.graphRequests[0]!.body as { requests: unknown[] }).requests).toHaveLength(4);
    expect(created).toEqual({ status: 'fulfilled', value: { id: 'a' } });
    expect(patched).toEqual({ status: 'fulfilled', value: { id: 'b' } });
    const refused = (missing as PromiseRejectedResult).reason as GraphRequestError;
    expect(refused).toBeInstanceOf(GraphRequestError);
    expect(refused).toMatchObject({
      status: 404,
      graphCode: 'ErrorItemNotFound',
      method: 'PATCH',
      path: '/missing/c',
    });
    const throttled = (busy as PromiseRejectedResult).reason as CampusError;
    expect(throttled).toBeInstanceOf(CampusError);
    expect(throttled.code).toBe('CAMPUS_ERR_GRAPH_UNAVAILABLE');
    expect(throttled.details).toMatchObject({ status: 429, retryAfterMs: 7_000 });
  });

  it("sends a lone write directly, with the gateway's own errors", async () => {
    const writes = batcher();
    expect(await writes.send({ method: 'PATCH', path: '/ok/solo', body: {} })).toEqual({ id: 'solo' });
    expect(server.stats.graphRequests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'PATCH /ok/solo',
    ]);
    const error = await writes
      .send({ method: 'POST', path: '/busy/solo', body: {} })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CAMPUS_ERR_GRAPH_UNAVAILABLE', details: { retryAfterMs: 7_000 } });
  });

  it('never puts more than 20 writes in one $batch', async () => {
    const writes = batcher();
    const results = await Promise.all(
      Array.from({ length: 45 }, (_, index) =>
        writes.send<{ id: string }>({ method: 'PATCH', path: `/ok/${index}`, body: {} }),
      ),
    );
    expect(results.map((result) => result.id)).toEqual(
      Array.from({ length: 45 }, (_, index) => String(index)),
    );
    const sizes = server.stats.graphRequests.map(
      (request) => (request.body as { requests: unknown[] }).requests.length,
    );
    // The chunks travel concurrently, so the server may see them in any order.
    expect([...sizes].sort((a, b) => b - a)).toEqual([20, 20, 5]);
  });
});
