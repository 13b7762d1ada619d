import { Client, GraphError, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { createError } from '../../errors.js';
import { createBatcher, type BatchRequest, type BatchResponse } from './graph-batch.js';
import { isTransientStatus, retryAfterOf, toGraphRequestError } from './graph-request-error.js';
import { createSemaphore, parseRetryAfterMs, retryDelayMs } from './retry-policy.js';
import { createTokenSource, isTransientTokenError } from './token-source.js';

export type { BatchRequest, BatchResponse } from './graph-batch.js';

/** Where and as whom the gateway calls Microsoft Graph, and how hard it tries. */
export interface GraphGatewayConfig {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Entra's host, e.g. https://login.microsoftonline.com (https only: msal refuses others). */
  authorityHost: string;
  /** Graph's root without version, e.g. https://graph.microsoft.com (https only: the SDK sends tokens to https hosts). */
  graphBaseUrl: string;
  /** Graph requests on the wire at once, across all callers of this gateway. Default 4. */
  maxConcurrency?: number;
  /** Retries of a throttled (429), unavailable (503/504) or unanswered request. Default 5. */
  maxRetries?: number;
  /** Abandons (and retries) a request Graph has not answered within this time. Default 60 s. */
  requestTimeoutMs?: number;
  logger?: { warn(obj: object, msg: string): void; debug?(obj: object, msg: string): void };
  /** Waits between retries; injectable so tests record delays instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Clock for token expiry and HTTP-date Retry-After; injectable for tests. */
  now?: () => number;
}

/** Extra request headers, e.g. { ConsistencyLevel: 'eventual' } for advanced directory queries. */
export type GraphHeaders = Record<string, string>;

/**
 * The one way Campus talks to Microsoft Graph (v1.0) for one tenant. Paths are relative to the version root
 * ("/users/{id}?$select=id") with query values already URL-encoded. Errors: GraphRequestError for answers
 * retrying cannot fix (check `status`), CampusError CAMPUS_ERR_GRAPH_UNAVAILABLE once retries are spent.
 */
export interface GraphGateway {
  readonly tenantId: string;
  get<T>(path: string, options?: { headers?: GraphHeaders }): Promise<T>;
  post<T>(path: string, body: unknown, headers?: GraphHeaders): Promise<T>;
  patch<T>(path: string, body: unknown, headers?: GraphHeaders): Promise<T>;
  delete(path: string, headers?: GraphHeaders): Promise<void>;
  /** Each page's `value`, following @odata.nextLink to the last page. */
  pages<T>(path: string, headers?: GraphHeaders): AsyncIterable<T[]>;
  /**
   * Sends requests through JSON batching, 20 to a $batch call (Graph's limit), and answers in request order.
   * Throttled sub-requests are sent again after their Retry-After; those still throttled after maxRetries come
   * back with their status, like every other failed sub-request (a batch never throws for one sub-request).
   */
  batch(requests: BatchRequest[]): Promise<BatchResponse[]>;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * Retries live here and only here. The SDK's default middleware chain includes a RetryHandler (3 retries on
 * 429/503/504); every request turns it off with this option, so a throttled call is retried maxRetries times
 * with our backoff and logging, not maxRetries × 4 times.
 */
const SDK_RETRIES_OFF = new RetryHandlerOptions(0, 0);

function httpsUrl(value: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new TypeError(`${name} is not a URL: ${value}`, { cause });
  }
  if (url.protocol !== 'https:') throw new TypeError(`${name} must be an https:// URL, got ${value}`);
  return url;
}

export function createGraphGateway(config: GraphGatewayConfig): GraphGateway {
  httpsUrl(config.authorityHost, 'authorityHost');
  const graphUrl = httpsUrl(config.graphBaseUrl, 'graphBaseUrl');
  if (graphUrl.pathname !== '/' || graphUrl.search !== '') {
    // The SDK reads the first path segment of an absolute URL (every @odata.nextLink) as the API version.
    throw new TypeError(`graphBaseUrl must be a root URL without path, got ${config.graphBaseUrl}`);
  }
  const maxRetries = config.maxRetries ?? 5;
  const timeoutMs = config.requestTimeoutMs ?? 60_000;
  const now = config.now ?? Date.now;
  const sleep = config.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const semaphore = createSemaphore(config.maxConcurrency ?? 4);
  const tokens = createTokenSource({ ...config, now });

  const client = Client.initWithMiddleware({
    authProvider: { getAccessToken: () => tokens.getAccessToken() },
    baseUrl: `${graphUrl.origin}/`,
    defaultVersion: 'v1.0',
    // The SDK attaches the token only to Graph's hosts and to these, compared by hostname without port
    // (GraphRequestUtil.isValidEndpoint), so the dev tenant at https://localhost:PORT is listed as "localhost".
    customHosts: new Set([graphUrl.hostname]),
  });

  function callSdk<T>(
    method: Method,
    path: string,
    body: unknown,
    headers: GraphHeaders | undefined,
  ): Promise<T> {
    let request = client
      .api(path)
      .middlewareOptions([SDK_RETRIES_OFF])
      .option('signal', AbortSignal.timeout(timeoutMs));
    if (headers) request = request.headers(headers);
    if (method === 'GET') return request.get();
    if (method === 'POST') return request.post(body);
    if (method === 'PATCH') return request.patch(body);
    return request.delete();
  }

  async function pause(attempt: number, retryAfters: Array<string | null>, context: object): Promise<void> {
    const delayMs = Math.max(...retryAfters.map((value) => retryDelayMs(attempt, value, now(), Math.random)));
    config.logger?.warn(
      { ...context, attempt, delayMs },
      'Microsoft Graph request failed transiently; retrying after a pause',
    );
    await sleep(delayMs);
  }

  async function send<T>(method: Method, path: string, body?: unknown, headers?: GraphHeaders): Promise<T> {
    // Logs name the resource, never the query: search text is personal data.
    const logPath = path.split('?', 1)[0] ?? path;
    let tokenRenewed = false;
    for (let attempt = 0; ; attempt += 1) {
      let token: string;
      try {
        token = await tokens.getAccessToken();
      } catch (error) {
        if (!isTransientTokenError(error) || attempt >= maxRetries) {
          throw createError(
            'CAMPUS_ERR_GRAPH_UNAVAILABLE',
            'Could not get a Microsoft Graph token from Entra ID',
            {
              cause: error,
            },
          );
        }
        await pause(attempt + 1, [null], { method, path: logPath, failure: 'token' });
        continue;
      }
      try {
        return await semaphore.run(() => callSdk<T>(method, path, body, headers));
      } catch (error) {
        const failure = toGraphRequestError(error, method, logPath);
        if (failure.status === 401 && !tokenRenewed) {
          // A token revoked or rotated before its expiry: renew once, then let a second 401 through.
          tokenRenewed = true;
          tokens.invalidate(token);
          continue;
        }
        const transient =
          error instanceof GraphError && (failure.status === 0 || isTransientStatus(failure.status));
        if (!transient) throw failure;
        if (attempt >= maxRetries) {
          throw createError(
            'CAMPUS_ERR_GRAPH_UNAVAILABLE',
            `Microsoft Graph did not answer ${method} ${logPath}`,
            {
              cause: failure,
              // retryAfterMs: Graph's last Retry-After, so a caller with its own longer retries (the outbox) honours it.
              details: { status: failure.status, requestId: failure.requestId, attempts: attempt + 1, retryAfterMs: parseRetryAfterMs(retryAfterOf(error), now()) },
            },
          );
        }
        await pause(attempt + 1, [retryAfterOf(error)], {
          method,
          path: logPath,
          status: failure.status,
          requestId: failure.requestId,
        });
      }
    }
  }

  const batcher = createBatcher({
    post: (body) => send('POST', '/$batch', body),
    maxRetries,
    pause,
  });

  return {
    tenantId: config.tenantId,
    get: (path, options) => send('GET', path, undefined, options?.headers),
    post: (path, body, headers) => send('POST', path, body, headers),
    patch: (path, body, headers) => send('PATCH', path, body, headers),
    delete: (path, headers) => send<void>('DELETE', path, undefined, headers),
    async *pages<T>(path: string, headers?: GraphHeaders) {
      let next: string | undefined = path;
      while (next !== undefined) {
        const page: { value?: T[]; '@odata.nextLink'?: string } = await send('GET', next, undefined, headers);
        yield page.value ?? [];
        next = page['@odata.nextLink'];
      }
    },
    batch: (requests) => batcher.run(requests),
  };
}
