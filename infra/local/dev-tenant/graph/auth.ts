import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DevTenantContext } from '../context.js';
import { GRAPH_APP_ID, GRAPH_RESOURCE } from '../defaults.js';
import { graphIssuer } from '../entra/issue-tokens.js';
import type { TokenClaims } from '../entra/token-service.js';
import { sendGraphError, type GraphCaller } from '../graph-http.js';

function denied(request: FastifyRequest, reply: FastifyReply, message: string): FastifyReply {
  // Graph points clients at the authority that can issue a valid token.
  reply.header('www-authenticate', `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`);
  return sendGraphError(request, reply, 401, 'InvalidAuthenticationToken', message);
}

/**
 * Validates the bearer token of a Graph request and sets request.graphCaller
 * (https://learn.microsoft.com/graph/auth/auth-concepts#access-tokens): signed by this tenant, audience Graph, not expired.
 * Returns false after answering 401 InvalidAuthenticationToken.
 */
export async function authenticateGraphRequest(ctx: DevTenantContext, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const header = request.headers.authorization;
  if (!header) return (denied(request, reply, 'Access token is empty.'), false);
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match || match[1]!.split('.').length !== 3) return (denied(request, reply, 'IDX14100: JWT is not well formed, there are no dots (.).'), false);
  let claims: TokenClaims;
  try {
    claims = await ctx.tokens.verify(match[1]!);
  } catch (error) {
    const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
    return (denied(request, reply, expired ? 'Lifetime validation failed, the token is expired.' : 'Access token validation failure.'), false);
  }
  if (claims.aud !== GRAPH_RESOURCE && claims.aud !== GRAPH_APP_ID) return (denied(request, reply, 'Access token validation failure. Invalid audience.'), false);
  if (claims.iss !== graphIssuer(ctx.tenantId) || claims.tid !== ctx.tenantId) return (denied(request, reply, 'Access token validation failure. Invalid issuer.'), false);
  const application = claims.idtyp === 'app';
  const caller: GraphCaller = {
    kind: application ? 'application' : 'delegated',
    appId: String(claims.appid ?? ''),
    userId: application ? null : String(claims.oid),
    roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
    scopes: typeof claims.scp === 'string' ? claims.scp.split(' ').filter(Boolean) : [],
  };
  request.graphCaller = caller;
  return true;
}
