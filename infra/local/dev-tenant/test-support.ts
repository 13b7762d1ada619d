import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEV_DELEGATED_PERMISSIONS } from './defaults.js';
import { buildDevTenant } from './index.js';
import type { TenantState } from './state.js';

/** A dev tenant built for inject() tests, with helpers to get tokens the way clients do. */
export interface TestTenant {
  app: FastifyInstance;
  state: TenantState;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  appToken(): Promise<string>;
  userGraphToken(user: string, scopes?: string[]): Promise<string>;
  apiToken(user: string): Promise<string>;
  graph(method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, options?: { token?: string; headers?: Record<string, string>; body?: unknown }): Promise<LightMyRequestResponse>;
}

export const TEST_BASE_URL = 'https://localhost:4443';

export async function createTestTenant(options: { size?: number; seed?: number } = {}): Promise<TestTenant> {
  const { app, state, campusApp, tenantId } = await buildDevTenant({ size: options.size ?? 300, seed: options.seed ?? 1, publicUrl: TEST_BASE_URL });
  await app.ready();
  let cachedAppToken: string | null = null;
  const appToken = async (): Promise<string> => {
    if (cachedAppToken) return cachedAppToken;
    const response = await app.inject({
      method: 'POST', url: `/${tenantId}/oauth2/v2.0/token`,
      payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: campusApp.clientId, client_secret: campusApp.clientSecret, scope: 'https://graph.microsoft.com/.default' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    cachedAppToken = response.json<{ access_token: string }>().access_token;
    return cachedAppToken;
  };
  const devToken = async (user: string, body: Record<string, unknown>): Promise<string> =>
    (await app.inject({ method: 'POST', url: '/_dev/token', payload: { user, ...body } })).json<{ access_token: string }>().access_token;
  return {
    app, state, tenantId, clientId: campusApp.clientId, clientSecret: campusApp.clientSecret, appToken,
    userGraphToken: (user, scopes = DEV_DELEGATED_PERMISSIONS) => devToken(user, { audience: 'https://graph.microsoft.com', scopes }),
    apiToken: (user) => devToken(user, {}),
    graph: async (method, url, opts = {}) => app.inject({
      method, url,
      headers: { authorization: `Bearer ${opts.token ?? (await appToken())}`, ...(opts.headers ?? {}) },
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
    }),
  };
}
