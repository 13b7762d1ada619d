import { ensureDevCertificates } from '../../infra/local/dev-ca.js';
import { startDevTenant, type RunningDevTenant } from '../../infra/local/dev-tenant/index.js';
import type { DevTenantInfo } from './provided-context.js';

/** Calls the dev tenant's test controls (/_dev/...): a JSON body in, the JSON answer out (undefined for 204). */
export type DevControls = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;

/** A dev tenant one test file started for itself. */
export interface PrivateDevTenant {
  tenant: RunningDevTenant;
  /** Where it is, as the shared one is provided: for startCampus, tokenFor and Graph clients. */
  info: DevTenantInfo;
  dev: DevControls;
}

/** Where a running dev tenant is and how Campus signs in to it. */
export function devTenantInfo(tenant: RunningDevTenant): DevTenantInfo {
  return {
    url: tenant.url,
    tenantId: tenant.tenantId,
    authorityUrl: tenant.authorityUrl,
    clientId: tenant.campusApp.clientId,
    clientSecret: tenant.campusApp.clientSecret,
    apiAppIdUri: tenant.campusApp.identifierUri,
  };
}

/** What createGraphGateway needs to call the dev tenant as the Campus app (client credentials). */
export function graphGatewayConfig(info: DevTenantInfo) {
  return {
    tenantId: info.tenantId,
    clientId: info.clientId,
    clientSecret: info.clientSecret,
    authorityHost: info.url,
    graphBaseUrl: info.url,
  };
}

/** The test controls of the dev tenant at `url`; an answer other than 2xx throws with its status and body. */
export function devControls(url: string): DevControls {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/_dev${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} /_dev${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
}

/**
 * Starts a dev tenant of `size` people on a free port for the calling test file alone: for files that switch faults
 * on or change the directory, which must not reach the files sharing the run's dev tenant. Stop it with tenant.stop().
 */
export async function startPrivateDevTenant(size: number): Promise<PrivateDevTenant> {
  const tenant = await startDevTenant({ port: 0, certificates: await ensureDevCertificates(), size });
  return { tenant, info: devTenantInfo(tenant), dev: devControls(tenant.url) };
}
