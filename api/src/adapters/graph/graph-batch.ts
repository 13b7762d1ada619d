import { createError } from '../../errors.js';
import { isTransientStatus } from './graph-request-error.js';

/** Graph's JSON batching limit: at most 20 requests in one $batch call. */
export const MAX_BATCH_SIZE = 20;

/** One request inside a $batch call; `url` is relative to the version root, e.g. "/users/{id}". */
export interface BatchRequest {
  /** Unique within one batch() call; answers are matched by it. */
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Graph's answer to one batched request; header names are lower-cased. */
export interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface WireResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface BatcherOptions {
  /** Sends one $batch envelope (with the gateway's own retries for the envelope itself). */
  post(body: unknown): Promise<{ responses?: WireResponse[] }>;
  maxRetries: number;
  /** Waits before retry `attempt`, at least as long as the longest of the Retry-After values given. */
  pause(attempt: number, retryAfters: Array<string | null>, context: object): Promise<void>;
}

function toWire(request: BatchRequest): object {
  const wire: Record<string, unknown> = { id: request.id, method: request.method, url: request.url };
  if (request.body !== undefined) {
    // Graph requires a Content-Type on every batched request that has a body.
    wire.headers = { 'Content-Type': 'application/json', ...request.headers };
    wire.body = request.body;
  } else if (request.headers) {
    wire.headers = request.headers;
  }
  return wire;
}

function normalize(response: WireResponse): BatchResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  return { id: String(response.id), status: response.status, headers, body: response.body ?? null };
}

export function createBatcher(options: BatcherOptions) {
  async function runChunk(chunk: BatchRequest[]): Promise<BatchResponse[]> {
    const answers = new Map<string, BatchResponse>();
    let pending = chunk;
    for (let attempt = 0; ; attempt += 1) {
      const envelope = await options.post({ requests: pending.map(toWire) });
      const throttled: BatchResponse[] = [];
      for (const wire of envelope.responses ?? []) {
        const answer = normalize(wire);
        answers.set(answer.id, answer);
        if (isTransientStatus(answer.status)) throttled.push(answer);
      }
      const missing = pending.filter((request) => !answers.has(request.id));
      if (missing.length > 0) {
        throw createError(
          'CAMPUS_ERR_GRAPH_UNAVAILABLE',
          'Microsoft Graph answered a batch without some responses',
          {
            details: { missingIds: missing.map((request) => request.id) },
          },
        );
      }
      if (throttled.length === 0 || attempt >= options.maxRetries) {
        return chunk.map((request) => answers.get(request.id) as BatchResponse);
      }
      // One wait for the whole retry round, as long as the longest Retry-After among the throttled.
      const retryAfters = throttled.map((answer) => answer.headers['retry-after'] ?? null);
      await options.pause(attempt + 1, retryAfters, {
        batch: true,
        throttled: throttled.length,
        statuses: [...new Set(throttled.map((answer) => answer.status))],
      });
      const retryIds = new Set(throttled.map((answer) => answer.id));
      pending = chunk.filter((request) => retryIds.has(request.id));
    }
  }

  return {
    async run(requests: BatchRequest[]): Promise<BatchResponse[]> {
      const ids = new Set(requests.map((request) => request.id));
      if (ids.size !== requests.length) throw new TypeError('batch request ids must be unique');
      const chunks: BatchRequest[][] = [];
      for (let start = 0; start < requests.length; start += MAX_BATCH_SIZE) {
        chunks.push(requests.slice(start, start + MAX_BATCH_SIZE));
      }
      // Chunks go out together; the gateway's concurrency cap decides how many are on the wire.
      const answered = await Promise.all(chunks.map(runChunk));
      return answered.flat();
    },
  };
}
