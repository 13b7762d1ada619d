import type { FastifyInstance } from 'fastify';
import { assembleDevTenant } from './app.js';
import type { RegisteredApp } from './app-registration.js';
import { calendarRoutes } from './graph/calendar/index.js';
import { devMailRoutes, mailRoutes } from './graph/mail/index.js';
import type { TenantState } from './state.js';

export type { RegisteredApp } from './app-registration.js';
export type { TenantState } from './state.js';
export { devPersonas, CAMPUS_ORGANIZERS_GROUP_ID } from './seed/personas.js';
export * from './defaults.js';

export interface DevTenantOptions {
  /** 0 = a free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seed of the synthetic organization; default 1. */
  seed?: number;
  /** People in the organization; default 2,000. */
  size?: number;
  certificates: { cert: string; key: string };
  campusApp?: Partial<RegisteredApp>;
  logger?: boolean;
}

export interface RunningDevTenant {
  /** https://localhost:PORT */
  url: string;
  tenantId: string;
  /** `${url}/${tenantId}` */
  authorityUrl: string;
  campusApp: RegisteredApp;
  state: TenantState;
  stop(): Promise<void>;
}

/** The app without listening, for inject() tests. */
export async function buildDevTenant(
  options: Omit<DevTenantOptions, 'port' | 'host' | 'certificates'> & { publicUrl?: string },
): Promise<{ app: FastifyInstance; state: TenantState; campusApp: RegisteredApp; tenantId: string }> {
  const { app, state, campusApp, tenantId } = await assembleDevTenant({
    seed: options.seed ?? 1, size: options.size ?? 2000, logger: options.logger ?? false,
    ...(options.campusApp ? { campusApp: options.campusApp } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    graphPlugins: [calendarRoutes, mailRoutes], devPlugins: [devMailRoutes],
  });
  return { app, state, campusApp, tenantId };
}

/** Starts the dev tenant on HTTPS; `url` names localhost, which the dev certificate covers. */
export async function startDevTenant(options: DevTenantOptions): Promise<RunningDevTenant> {
  const tenant = await assembleDevTenant({
    seed: options.seed ?? 1, size: options.size ?? 2000, logger: options.logger ?? false, https: options.certificates,
    ...(options.campusApp ? { campusApp: options.campusApp } : {}),
    graphPlugins: [calendarRoutes, mailRoutes], devPlugins: [devMailRoutes],
  });
  await tenant.app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = tenant.app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `https://localhost:${port}`;
  tenant.setPublicUrl(url);
  return {
    url, tenantId: tenant.tenantId, authorityUrl: `${url}/${tenant.tenantId}`, campusApp: tenant.campusApp, state: tenant.state,
    stop: () => tenant.app.close(),
  };
}
