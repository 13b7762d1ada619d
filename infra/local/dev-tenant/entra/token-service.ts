import { createHash, randomUUID } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';

/** Lifetime of access and id tokens; Entra issues 60–90 minutes, we use one hour. */
export const ACCESS_TOKEN_SECONDS = 3600;
const REFRESH_TOKEN_SECONDS = 90 * 86_400;

/** Claims a token carries; Entra's claim names (https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference). */
export type TokenClaims = JWTPayload & Record<string, unknown>;

/**
 * Signs and verifies the tenant's tokens with one RS256 key made at start. The JWKS publishes it with a kid and an
 * x5t; there is no certificate, so both are the SHA-1 thumbprint of the public key (base64url), as stable as Entra's.
 */
export interface TokenService {
  readonly jwk: JWK & { kid: string; x5t: string; use: 'sig'; kty: string };
  sign(claims: TokenClaims, lifetimeSeconds?: number): Promise<string>;
  /** Verifies signature and lifetime; claims checks (aud, iss) are the caller's. */
  verify(token: string): Promise<TokenClaims>;
  signRefreshToken(claims: TokenClaims): Promise<string>;
}

export async function createTokenService(): Promise<TokenService> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const spki = await exportSPKI(publicKey);
  const der = Buffer.from(spki.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const thumbprint = createHash('sha1').update(der).digest('base64url');
  const jwk = { ...(await exportJWK(publicKey)), kid: thumbprint, x5t: thumbprint, use: 'sig' as const, kty: 'RSA' };
  const sign = async (claims: TokenClaims, lifetimeSeconds = ACCESS_TOKEN_SECONDS): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ uti: randomUUID().replace(/-/g, '').slice(0, 22), ...claims, iat: now, nbf: now - 300, exp: now + lifetimeSeconds })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: thumbprint, x5t: thumbprint })
      .sign(privateKey);
  };
  return {
    jwk,
    sign,
    verify: async (token) => (await jwtVerify(token, publicKey, { algorithms: ['RS256'] })).payload as TokenClaims,
    signRefreshToken: (claims) => sign({ ...claims, token_use: 'refresh' }, REFRESH_TOKEN_SECONDS),
  };
}

/** Reads a JWT's payload without verifying it (for routing decisions that a verification repeats later). */
export function peekClaims(token: string): TokenClaims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return null;
  }
}

/** A stable GUID derived from text (pairwise `sub` claims, service principal ids). */
export function derivedGuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
