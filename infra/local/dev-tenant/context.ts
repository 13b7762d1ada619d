import type { FastifyRequest } from 'fastify';
import type { RegisteredApp } from './app-registration.js';
import type { TokenService } from './entra/token-service.js';
import type { FaultController } from './graph/faults.js';
import type { StatsRecorder } from './graph/stats.js';
import type { TenantState } from './state.js';

/** What every dev-tenant plugin receives: the state, the app registration, keys, and the fault/stats controls. */
export interface DevTenantContext {
  state: TenantState;
  tenantId: string;
  campusApp: RegisteredApp;
  tokens: TokenService;
  faults: FaultController;
  stats: StatsRecorder;
  /** https://localhost:PORT: the configured public URL, or the one the request came to (inject tests). */
  baseUrl(request: FastifyRequest): string;
}
