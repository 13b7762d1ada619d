import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { loadConfig } from '@campus/api/config';
import { startServer, type RunningServer } from '@campus/api/server';
import { CAMPUS_ORGANIZERS_GROUP_ID } from '@campus/infra/dev-tenant/personas';
import type { DevTenantInfo } from './provided-context.js';

export interface CampusUnderTest extends RunningServer {
  dbName: string;
  devTenant: DevTenantInfo;
}

/**
 * Starts the real Campus server (real adapters, real HTTP) on a free port, against this run's FerretDB (a database
 * of its own) and a dev tenant: the shared one, or another given for tests that switch faults on.
 */
export async function startCampus(
  options: { devTenant?: DevTenantInfo; mongodbUri?: string; env?: Record<string, string> } = {},
): Promise<CampusUnderTest> {
  const devTenant = options.devTenant ?? inject('devTenant');
  const dbName = `campus_e2e_${randomUUID().slice(0, 8)}`;
  const config = loadConfig({
    PORT: '0',
    MONGODB_URI: options.mongodbUri ?? inject('mongodbUri'),
    MONGODB_DB: dbName,
    AZURE_TENANT_ID: devTenant.tenantId,
    AZURE_CLIENT_ID: devTenant.clientId,
    AZURE_CLIENT_SECRET: devTenant.clientSecret,
    AZURE_AUTHORITY_HOST: devTenant.url,
    GRAPH_BASE_URL: devTenant.url,
    API_APP_ID_URI: devTenant.apiAppIdUri,
    CAMPUS_ORGANIZER_GROUP_ID: CAMPUS_ORGANIZERS_GROUP_ID,
    LOG_LEVEL: 'error',
    CALENDAR_WORKER_INTERVAL_MS: '200',
    TAB_DIR: '/nonexistent-campus-tab',
    ...options.env,
  });
  const server = await startServer(config);
  return { ...server, dbName, devTenant };
}

/** A user access token for the Campus API, issued by the dev tenant for a person of its directory. */
export async function tokenFor(devTenant: DevTenantInfo, user: string): Promise<string> {
  const response = await fetch(`${devTenant.url}/_dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  if (!response.ok) throw new Error(`dev token for ${user}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A small JSON client for the Campus API as one signed-in user. */
export function apiClient(baseUrl: string, token: string | null) {
  return async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
}

/** A call to the Campus API that answers the body of a success. */
export type ApiCall = <T>(method: string, route: string, body?: unknown) => Promise<T>;

/** `client`'s calls as ApiCall: an answer of 300 or more throws, naming the route, the status and the body. */
export function successBodies(client: ReturnType<typeof apiClient>): ApiCall {
  return async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const answer = await client<T>(method, route, body);
    if (answer.status >= 300) {
      throw new Error(`${method} ${route} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    return answer.body;
  };
}
