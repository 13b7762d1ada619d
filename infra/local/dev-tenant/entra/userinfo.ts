import type { FastifyPluginAsync } from 'fastify';
import type { DevTenantContext } from '../context.js';
import { GRAPH_APP_ID, GRAPH_RESOURCE } from '../defaults.js';
import { sendGraphError } from '../graph-http.js';

/**
 * The OpenID Connect UserInfo endpoint the discovery document names
 * (https://learn.microsoft.com/entra/identity-platform/userinfo): a Graph token in, the signed-in user's claims out.
 */
export const userInfoRoutes: FastifyPluginAsync<{ ctx: DevTenantContext }> = async (app, { ctx }) => {
  app.get('/oidc/userinfo', async (request, reply) => {
    const token = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const claims = token ? await ctx.tokens.verify(token).catch(() => null) : null;
    if (!claims || (claims.aud !== GRAPH_RESOURCE && claims.aud !== GRAPH_APP_ID) || claims.idtyp === 'app') {
      return sendGraphError(request, reply, 401, 'InvalidAuthenticationToken', 'Access token validation failure.');
    }
    const user = ctx.state.users.get(String(claims.oid));
    if (!user) return sendGraphError(request, reply, 404, 'Request_ResourceNotFound', `Resource '${String(claims.oid)}' does not exist.`);
    return { sub: claims.sub, name: user.displayName, family_name: user.surname, given_name: user.givenName, email: user.mail, picture: `${ctx.baseUrl(request)}/v1.0/me/photo/$value` };
  });
};
