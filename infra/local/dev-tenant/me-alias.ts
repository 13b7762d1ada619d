import type { IncomingMessage } from 'node:http';
import { peekClaims } from './entra/token-service.js';

const ME = /^\/v1\.0\/me(?=\/|\?|$)/i;

/**
 * Graph's /me is the signed-in user: for a delegated token, /v1.0/me/... becomes /v1.0/users/{oid}/... before routing,
 * so every Graph route (directory, calendar, mail) serves /me through its /users/{id} form. The token is only read
 * here; the Graph auth hook verifies it afterwards, so a forged oid fails there. App-only tokens are left on /me,
 * where Graph answers 400.
 */
export function rewriteMeUrl(request: IncomingMessage): string {
  const url = request.url ?? '/';
  if (!ME.test(url)) return url;
  const header = request.headers.authorization ?? '';
  const claims = /^Bearer\s+/i.test(header) ? peekClaims(header.replace(/^Bearer\s+/i, '')) : null;
  if (!claims || claims.idtyp === 'app' || typeof claims.oid !== 'string' || !/^[0-9a-f-]{36}$/i.test(claims.oid)) return url;
  return url.replace(ME, `/v1.0/users/${claims.oid}`);
}
