import type { TestProject } from 'vitest/node';
import { ensureDevCertificates } from '../../infra/local/dev-ca.js';
import { startDevTenant } from '../../infra/local/dev-tenant/index.js';
import type { DevTenantInfo } from './provided-context.js';

/**
 * Starts one dev tenant (Entra + Graph emulator over HTTPS) for the whole run and provides where it is.
 * Processes that call it need NODE_EXTRA_CA_CERTS, which `tsx infra/local/with-dev-ca.ts vitest run` sets.
 */
export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const certificates = await ensureDevCertificates();
  const tenant = await startDevTenant({ port: 0, certificates });
  const info: DevTenantInfo = {
    url: tenant.url,
    tenantId: tenant.tenantId,
    authorityUrl: tenant.authorityUrl,
    clientId: tenant.campusApp.clientId,
    clientSecret: tenant.campusApp.clientSecret,
    apiAppIdUri: tenant.campusApp.identifierUri,
  };
  provide('devTenant', info);
  return () => tenant.stop();
}
