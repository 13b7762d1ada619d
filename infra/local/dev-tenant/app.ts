import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { createCampusApp, type RegisteredApp } from './app-registration.js';
import type { DevTenantContext } from './context.js';
import { devRoutes } from './dev/index.js';
import { entraRoutes } from './entra/index.js';
import { createTokenService } from './entra/token-service.js';
import { createFaultController } from './graph/faults.js';
import { graphRoutes, type StatePlugin } from './graph/index.js';
import { createStatsRecorder } from './graph/stats.js';
import { rewriteMeUrl } from './me-alias.js';
import { createTenantState } from './seed/index.js';
import type { TenantState } from './state.js';

export interface AssembleOptions {
  seed: number;
  size: number;
  campusApp?: Partial<RegisteredApp>;
  logger: boolean;
  https?: { cert: string; key: string };
  /** Fixed public URL; when absent each request's Host decides (inject tests), until setPublicUrl is called. */
  publicUrl?: string;
  /** Graph plugins of other areas (calendar, mail) and dev plugins (mail outbox), mounted by the caller's wiring. */
  graphPlugins: StatePlugin[];
  devPlugins: StatePlugin[];
}

export interface AssembledTenant {
  app: FastifyInstance;
  state: TenantState;
  campusApp: RegisteredApp;
  tenantId: string;
  setPublicUrl(url: string): void;
}

const ALLOWED_HEADERS = 'Authorization, Content-Type, ConsistencyLevel, Prefer, client-request-id, return-client-request-id, x-client-SKU, x-client-VER, x-client-OS, x-client-CPU, x-ms-lib-capability, x-client-current-telemetry, x-client-last-telemetry, x-anchormailbox';

/** Builds the dev tenant's Fastify app: Entra under /{tenant}, Graph under /v1.0, controls under /_dev. */
export async function assembleDevTenant(options: AssembleOptions): Promise<AssembledTenant> {
  const state = createTenantState({ seed: options.seed, size: options.size });
  const campusApp = createCampusApp(options.campusApp);
  let publicUrl = options.publicUrl?.replace(/\/$/, '') ?? null;
  const ctx: DevTenantContext = {
    state, tenantId: state.tenantId, campusApp, tokens: await createTokenService(),
    faults: createFaultController(), stats: createStatsRecorder(),
    baseUrl: (request: FastifyRequest) => publicUrl ?? `https://${request.headers.host ?? 'localhost'}`,
  };
  const app = Fastify({
    logger: options.logger,
    rewriteUrl: rewriteMeUrl,
    routerOptions: { ignoreTrailingSlash: true },
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;

  // Entra lets SPA origins call the token endpoint and Graph accepts browser calls: answer CORS for every origin.
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin) return;
    reply.header('access-control-allow-origin', origin).header('vary', 'Origin')
      .header('access-control-expose-headers', 'Retry-After, request-id, client-request-id, Location, Preference-Applied');
    if (request.method === 'OPTIONS') {
      return reply.code(204).header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS')
        .header('access-control-allow-headers', String(request.headers['access-control-request-headers'] ?? ALLOWED_HEADERS))
        .header('access-control-max-age', '86400').send();
    }
  });
  await app.register(formbody);
  await app.register(entraRoutes, { ctx });
  await app.register(graphRoutes, { ctx, statePlugins: options.graphPlugins, prefix: '/v1.0' });
  await app.register(async (dev) => {
    await dev.register(devRoutes, { ctx });
    for (const plugin of options.devPlugins) await dev.register(plugin, { state });
  }, { prefix: '/_dev' });
  return { app, state, campusApp, tenantId: state.tenantId, setPublicUrl: (url) => { publicUrl = url.replace(/\/$/, ''); } };
}
