import { createError } from '../../errors.js';
import { MAX_BATCH_SIZE } from './graph-batch.js';
import type { BatchResponse, GraphGateway } from './graph-gateway.js';
import { GraphRequestError, isTransientStatus } from './graph-request-error.js';
import { parseRetryAfterMs } from './retry-policy.js';

/** One Graph write, relative to the version root. */
export interface GraphWrite {
  method: 'POST' | 'PATCH';
  path: string;
  body: unknown;
}

/**
 * Sends Graph writes, joining those that arrive together into one $batch call. Callers see each write as
 * its own call: its answer's body, or the error a direct call would have thrown.
 */
export interface WriteBatcher {
  send<T>(write: GraphWrite): Promise<T>;
}

/**
 * How long a write waits for company. Concurrent deliveries of the outbox reach their Graph write a few
 * milliseconds apart (each reads the store first), so a short window turns them into one $batch of up to 20.
 */
const WINDOW_MS = 10;

interface Queued {
  write: GraphWrite;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

function errorOf(answer: BatchResponse, write: GraphWrite, now: number): Error {
  const body = (answer.body ?? {}) as {
    error?: { code?: unknown; message?: unknown; innerError?: Record<string, unknown> };
  };
  const requestId =
    answer.headers['request-id'] ??
    (typeof body.error?.innerError?.['request-id'] === 'string' ? body.error.innerError['request-id'] : null);
  const failure = new GraphRequestError(
    answer.status,
    typeof body.error?.code === 'string' ? body.error.code : null,
    typeof body.error?.message === 'string' ? body.error.message : `status ${answer.status}`,
    requestId,
    write.method,
    write.path,
  );
  if (!isTransientStatus(answer.status)) return failure;
  // The gateway's batcher has already retried throttled sub-requests; what is left is reported as a direct call's.
  return createError(
    'CAMPUS_ERR_GRAPH_UNAVAILABLE',
    `Microsoft Graph did not answer ${write.method} ${write.path}`,
    {
      cause: failure,
      details: {
        status: answer.status,
        requestId,
        retryAfterMs: parseRetryAfterMs(answer.headers['retry-after'] ?? null, now),
      },
    },
  );
}

function createWriteBatcher(gateway: GraphGateway, now: () => number): WriteBatcher {
  const queue: Queued[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  function direct(write: GraphWrite): Promise<unknown> {
    return write.method === 'POST'
      ? gateway.post(write.path, write.body)
      : gateway.patch(write.path, write.body);
  }

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const taken = queue.splice(0, MAX_BATCH_SIZE);
    if (queue.length > 0) timer = setTimeout(() => void flush(), 0);
    if (taken.length === 1) {
      const [only] = taken as [Queued];
      direct(only.write).then(only.resolve, only.reject);
      return;
    }
    try {
      const answers = await gateway.batch(
        taken.map((queued, index) => ({
          id: String(index + 1),
          method: queued.write.method,
          url: queued.write.path,
          body: queued.write.body,
        })),
      );
      answers.forEach((answer, index) => {
        const queued = taken[index]!;
        if (answer.status < 400) queued.resolve(answer.body);
        else queued.reject(errorOf(answer, queued.write, now()));
      });
    } catch (error) {
      for (const queued of taken) queued.reject(error);
    }
  }

  return {
    send<T>(write: GraphWrite): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
        if (queue.length >= MAX_BATCH_SIZE) void flush();
        else timer ??= setTimeout(() => void flush(), WINDOW_MS);
      });
    },
  };
}

const batchers = new WeakMap<GraphGateway, WriteBatcher>();

/** The one write batcher of a gateway, shared by the calendar and the mail adapters so their writes batch together. */
export function writeBatcherFor(gateway: GraphGateway, now: () => number = Date.now): WriteBatcher {
  let batcher = batchers.get(gateway);
  if (!batcher) {
    batcher = createWriteBatcher(gateway, now);
    batchers.set(gateway, batcher);
  }
  return batcher;
}
