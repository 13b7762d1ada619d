import type { TenantScope } from '../shared/tenant-scope.js';

/** The signed-in user as a validated access token states them. */
export interface VerifiedUser extends TenantScope {
  userId: string;
  displayName: string;
  mail: string;
  scopes: string[];
}

/** Validates a bearer token for the Campus API (signature, issuer, audience, expiry, scope). */
export interface TokenVerifier {
  /** Resolves the user, or rejects with CAMPUS_ERR_UNAUTHENTICATED naming what is wrong with the token. */
  verify(token: string): Promise<VerifiedUser>;
}
