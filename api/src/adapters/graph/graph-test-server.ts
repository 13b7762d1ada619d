/**
 * Test support (not a test): a tiny HTTPS server on localhost that plays Entra's discovery and token
 * endpoints and lets each test answer Graph requests under /v1.0, while counting what it sees.
 * The unit tests use it so they exercise the real msal-node and Graph SDK code paths without the dev tenant.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ensureDevCertificates } from '../../../../infra/local/dev-ca.js';
import type { GraphGatewayConfig } from './graph-gateway.js';

export interface SeenRequest {
  method: string;
  /** Path after /v1.0, e.g. /users/abc. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Drops the connection without answering (the client sees ECONNRESET). */
  reset?: boolean;
}

export type GraphHandler = (request: SeenRequest) => Reply | Promise<Reply>;

export interface GraphTestServer {
  url: string;
  tenantId: string;
  /** Gateway settings for this server; tests add sleep, limits and the like. */
  config(overrides?: Partial<GraphGatewayConfig>): GraphGatewayConfig;
  handle(handler: GraphHandler): void;
  /** Seconds a new token lives. */
  tokenLifetimeSeconds: number;
  revoke(token: string): void;
  readonly stats: {
    tokenRequests: number;
    tokenScopes: string[];
    graphRequests: SeenRequest[];
    /** Graph requests rejected for a missing or unknown bearer token. */
    unauthorized: number;
    inFlight: number;
    maxInFlight: number;
  };
  close(): Promise<void>;
}

export function graphError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Reply {
  const requestId = randomUUID();
  return {
    status,
    headers: { 'request-id': requestId, ...headers },
    body: {
      error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': requestId } },
    },
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, reply: Reply): void {
  const hasBody = reply.body !== undefined;
  response.writeHead(reply.status ?? 200, {
    ...(hasBody ? { 'content-type': 'application/json' } : {}),
    ...reply.headers,
  });
  response.end(hasBody ? JSON.stringify(reply.body) : undefined);
}

export async function startGraphTestServer(): Promise<GraphTestServer> {
  const { cert, key } = await ensureDevCertificates();
  const tenantId = randomUUID();
  const clientId = randomUUID();
  const clientSecret = 'test-secret';
  const validTokens = new Set<string>();
  let handler: GraphHandler = () => graphError(404, 'Request_ResourceNotFound', 'No route in this test');
  let url = '';
  const stats: GraphTestServer['stats'] = {
    tokenRequests: 0,
    tokenScopes: [],
    graphRequests: [],
    unauthorized: 0,
    inFlight: 0,
    maxInFlight: 0,
  };
  const state = { tokenLifetimeSeconds: 3600 };

  async function entra(request: IncomingMessage, path: string): Promise<Reply> {
    const base = `${url}/${tenantId}`;
    if (request.method === 'GET' && path === `/${tenantId}/v2.0/.well-known/openid-configuration`) {
      return {
        body: {
          issuer: `${base}/v2.0`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          response_types_supported: ['code', 'id_token', 'token'],
        },
      };
    }
    if (request.method === 'POST' && path === `/${tenantId}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(await readBody(request));
      stats.tokenRequests += 1;
      stats.tokenScopes.push(form.get('scope') ?? '');
      if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
        return {
          status: 401,
          body: { error: 'invalid_client', error_description: 'AADSTS7000215: bad secret' },
        };
      }
      const accessToken = `token-${stats.tokenRequests}`;
      validTokens.add(accessToken);
      return {
        body: {
          token_type: 'Bearer',
          expires_in: state.tokenLifetimeSeconds,
          ext_expires_in: state.tokenLifetimeSeconds,
          access_token: accessToken,
        },
      };
    }
    return { status: 404, body: { error: 'not_found' } };
  }

  async function graph(request: IncomingMessage, requestUrl: URL): Promise<Reply> {
    const text = await readBody(request);
    const seen: SeenRequest = {
      method: request.method ?? 'GET',
      path: requestUrl.pathname.slice('/v1.0'.length),
      query: requestUrl.searchParams,
      headers: request.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
    stats.graphRequests.push(seen);
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    if (!token || !validTokens.has(token)) {
      stats.unauthorized += 1;
      return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
    }
    return handler(seen);
  }

  const server: Server = createServer({ cert, key }, (request, response) => {
    const requestUrl = new URL(request.url ?? '/', url);
    const isGraph = requestUrl.pathname.startsWith('/v1.0/');
    if (isGraph) {
      stats.inFlight += 1;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    }
    const work = isGraph ? graph(request, requestUrl) : entra(request, requestUrl.pathname);
    work
      .then((reply) => {
        if (reply.reset) request.socket.destroy();
        else send(response, reply);
      })
      .catch((error: unknown) => send(response, { status: 500, body: { error: String(error) } }))
      .finally(() => {
        if (isGraph) stats.inFlight -= 1;
      });
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  url = `https://localhost:${(server.address() as AddressInfo).port}`;

  return {
    url,
    tenantId,
    config: (overrides) => ({
      tenantId,
      clientId,
      clientSecret,
      authorityHost: url,
      graphBaseUrl: url,
      ...overrides,
    }),
    handle(next) {
      handler = next;
    },
    get tokenLifetimeSeconds() {
      return state.tokenLifetimeSeconds;
    },
    set tokenLifetimeSeconds(seconds: number) {
      state.tokenLifetimeSeconds = seconds;
    },
    revoke(token) {
      validTokens.delete(token);
    },
    stats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
