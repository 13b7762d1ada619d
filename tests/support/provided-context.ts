// The augmentation below applies only where vitest's own types are loaded.
import type {} from 'vitest';

/** Values the global setups hand to every test file through vitest's provide/inject. */
export interface DevTenantInfo {
  /** https://localhost:PORT — Entra endpoints live under /{tenantId}, Graph under /v1.0, test controls under /_dev. */
  url: string;
  tenantId: string;
  /** Authority for msal-node: `${url}/${tenantId}`. */
  authorityUrl: string;
  clientId: string;
  clientSecret: string;
  /** The Campus API's application ID URI (audience of user tokens for the API). */
  apiAppIdUri: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** mongodb:// URI of the FerretDB started for this run (or MONGODB_URI when set). */
    mongodbUri: string;
    devTenant: DevTenantInfo;
  }
}
