import type { TestProject } from 'vitest/node';
import { ensureDevCertificates } from '../../infra/local/dev-ca.js';
import { startDevTenant } from '../../infra/local/dev-tenant/index.js';
import { devTenantInfo } from './dev-tenant.js';

/**
 * Starts one dev tenant (Entra + Graph emulator over HTTPS) for the whole run and provides where it is.
 * Processes that call it need NODE_EXTRA_CA_CERTS, which `tsx infra/local/with-dev-ca.ts vitest run` sets.
 */
export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const certificates = await ensureDevCertificates();
  const tenant = await startDevTenant({ port: 0, certificates });
  provide('devTenant', devTenantInfo(tenant));
  return () => tenant.stop();
}
