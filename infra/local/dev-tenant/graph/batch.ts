import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { DevTenantContext } from '../context.js';
import { sendGraphError } from '../graph-http.js';

/** Marks requests the batch endpoint runs for its items (stats count them as sub-requests). Never forwarded from clients. */
export const BATCH_ITEM_HEADER = 'x-dev-tenant-batch-item';

/** Graph's limit (https://learn.microsoft.com/graph/json-batching#batch-size-limitations). */
export const MAX_BATCH_REQUESTS = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

function itemError(id: string, status: number, code: string, message: string): BatchResponse {
  return { id, status, headers: { 'Content-Type': 'application/json' }, body: { error: { code, message, innerError: { date: new Date().toISOString().replace(/\.\d{3}Z$/, '') } } } };
}

function validItems(value: unknown): value is BatchItem[] {
  return Array.isArray(value) && value.every((r) => typeof r === 'object' && r !== null && typeof (r as BatchItem).id === 'string' && typeof (r as BatchItem).method === 'string' && typeof (r as BatchItem).url === 'string');
}

/** Orders items so each comes after what it depends on; null on an unknown id or a cycle. */
function executionOrder(items: BatchItem[]): BatchItem[] | null {
  const byId = new Map(items.map((i) => [i.id, i]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: BatchItem[] = [];
  const visit = (item: BatchItem): boolean => {
    if (done.has(item.id)) return true;
    if (visiting.has(item.id)) return false;
    visiting.add(item.id);
    for (const dep of item.dependsOn ?? []) {
      const target = byId.get(dep);
      if (!target || !visit(target)) return false;
    }
    visiting.delete(item.id);
    done.add(item.id);
    order.push(item);
    return true;
  };
  return items.every(visit) ? order : null;
}

async function runItem(app: FastifyInstance, request: FastifyRequest, item: BatchItem): Promise<BatchResponse> {
  const method = item.method.toUpperCase();
  if (!METHODS.has(method)) return itemError(item.id, 400, 'BadRequest', `Invalid HTTP method '${item.method}'.`);
  if (/^[a-z]+:\/\//i.test(item.url)) return itemError(item.id, 400, 'BadRequest', 'Invalid request URL: batch request URLs must be relative, for example /users.');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(item.headers ?? {})) if (k.toLowerCase() !== BATCH_ITEM_HEADER) headers[k.toLowerCase()] = String(v);
  if (item.body !== undefined && !headers['content-type']) {
    return itemError(item.id, 400, 'BadRequest', 'Content-Type header must be specified for a request with a body.');
  }
  const path = item.url.startsWith('/') ? item.url : `/${item.url}`;
  const response = await app.inject({
    method: method as 'GET',
    url: `/v1.0${path}`,
    headers: { ...headers, authorization: String(request.headers.authorization ?? ''), [BATCH_ITEM_HEADER]: '1' },
    ...(item.body !== undefined ? { payload: typeof item.body === 'string' ? item.body : JSON.stringify(item.body) } : {}),
  });
  const out: Record<string, string> = {};
  for (const name of ['content-type', 'retry-after', 'location', 'preference-applied', 'etag']) {
    const value = response.headers[name];
    if (value !== undefined) out[name === 'content-type' ? 'Content-Type' : name === 'retry-after' ? 'Retry-After' : name] = String(value);
  }
  let body: unknown;
  if (response.body.length) {
    const type = String(response.headers['content-type'] ?? '');
    body = type.includes('json') ? JSON.parse(response.body) : response.body;
  }
  return { id: item.id, status: response.statusCode, headers: out, ...(body !== undefined ? { body } : {}) };
}

/**
 * JSON batching (https://learn.microsoft.com/graph/json-batching): up to 20 requests, ids, dependsOn ordering, relative
 * URLs; each item runs through the full Graph pipeline with the envelope's Authorization, so faults and throttling
 * apply per item and a throttled item carries its own 429 and Retry-After.
 */
export const batchRoutes: FastifyPluginAsync<{ ctx: DevTenantContext }> = async (app) => {

  app.post('/$batch', async (request: FastifyRequest, reply: FastifyReply) => {
    const requests = (request.body as { requests?: unknown } | null)?.requests;
    if (!validItems(requests)) return sendGraphError(request, reply, 400, 'BadRequest', 'Invalid batch payload format: a "requests" array of { id, method, url } is required.');
    if (requests.length > MAX_BATCH_REQUESTS) return sendGraphError(request, reply, 400, 'BadRequest', 'Number of requests inside batch exceeds the limit of 20.');
    if (new Set(requests.map((r) => r.id)).size !== requests.length) return sendGraphError(request, reply, 400, 'BadRequest', 'Batch request ids must be unique.');
    const order = executionOrder(requests);
    if (!order) return sendGraphError(request, reply, 400, 'BadRequest', 'Invalid dependsOn: every id must name another request of the batch, without cycles.');
    const results = new Map<string, BatchResponse>();
    for (const item of order) {
      const failed = (item.dependsOn ?? []).find((dep) => (results.get(dep)?.status ?? 500) >= 400);
      results.set(item.id, failed
        ? itemError(item.id, 424, 'FailedDependency', `The request depends on request '${failed}', which failed.`)
        : await runItem(app, request, item));
    }
    return { responses: requests.map((r) => results.get(r.id)!) };
  });
};
