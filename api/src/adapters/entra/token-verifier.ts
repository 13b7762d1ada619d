import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { createError } from '../../errors.js';
import type { TokenVerifier, VerifiedUser } from '../../domain/people/identity.js';

export interface EntraTokenVerifierOptions {
  authorityHost: string;
  tenantId: string;
  /** Accepted audiences: the API's client id (v2 tokens) and its application ID URI (v1 tokens). */
  audiences: string[];
  /** Delegated scope a token must carry to call the API. */
  requiredScope: string;
}

interface OpenIdMetadata {
  issuer: string;
  jwks_uri: string;
}

/**
 * Validates Entra ID access tokens against the tenant's OpenID metadata: the signing keys and issuer come from
 * `{authority}/v2.0/.well-known/openid-configuration`, so the same code trusts Microsoft's cloud or the dev tenant.
 */
export function createEntraTokenVerifier(options: EntraTokenVerifierOptions): TokenVerifier {
  const metadataUrl = `${options.authorityHost}/${options.tenantId}/v2.0/.well-known/openid-configuration`;
  let keys: Promise<{ issuer: string; jwks: ReturnType<typeof createRemoteJWKSet> }> | null = null;

  function loadKeys() {
    keys ??= (async () => {
      const response = await fetch(metadataUrl);
      if (!response.ok) throw new Error(`OpenID metadata ${metadataUrl} answered ${response.status}`);
      const metadata = (await response.json()) as OpenIdMetadata;
      return { issuer: metadata.issuer, jwks: createRemoteJWKSet(new URL(metadata.jwks_uri)) };
    })();
    // Metadata that failed to load is fetched again on the next request rather than failing forever.
    keys.catch(() => {
      keys = null;
    });
    return keys;
  }

  return {
    async verify(token) {
      let signing;
      try {
        signing = await loadKeys();
      } catch (cause) {
        throw createError('CAMPUS_ERR_IDENTITY_UNAVAILABLE', 'The identity provider could not be reached to check the token', { cause });
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, signing.jwks, {
          issuer: signing.issuer,
          audience: options.audiences,
          algorithms: ['RS256'],
          clockTolerance: 60,
        }));
      } catch (cause) {
        throw createError('CAMPUS_ERR_UNAUTHENTICATED', `The access token was refused: ${reason(cause)}`, { cause });
      }
      return toUser(payload, options);
    },
  };
}

function reason(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'it has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `claim '${error.claim}' is not valid`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'its signature does not match';
  if (error instanceof joseErrors.JOSEError) return error.code;
  return 'it is not a valid JWT';
}

function claim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function toUser(payload: JWTPayload, options: EntraTokenVerifierOptions): VerifiedUser {
  const tenantId = claim(payload, 'tid');
  const userId = claim(payload, 'oid');
  if (!tenantId || !userId) {
    throw createError('CAMPUS_ERR_UNAUTHENTICATED', 'The access token has no tid or oid claim: a user token is required');
  }
  if (tenantId !== options.tenantId) {
    throw createError('CAMPUS_ERR_UNAUTHENTICATED', `The access token belongs to tenant '${tenantId}', not this one`);
  }
  const scopes = (claim(payload, 'scp') ?? '').split(' ').filter(Boolean);
  if (!scopes.includes(options.requiredScope)) {
    throw createError('CAMPUS_ERR_UNAUTHENTICATED', `The access token lacks the '${options.requiredScope}' scope`);
  }
  const mail = claim(payload, 'preferred_username') ?? claim(payload, 'upn') ?? claim(payload, 'email') ?? '';
  return { tenantId, userId, displayName: claim(payload, 'name') ?? mail, mail, scopes };
}
