import type { FastifyPluginAsync } from 'fastify';
import type { DevTenantContext } from '../context.js';
import { createAuthorizationCodeStore } from './authorization-codes.js';
import { authorizeRoutes } from './authorize.js';
import { discoveryRoutes } from './discovery.js';
import { tokenEndpointRoutes } from './token-endpoint.js';
import { userInfoRoutes } from './userinfo.js';

/** Microsoft Entra ID's endpoints under /{tenant}: discovery, keys, authorize (with the dev account picker), token, and OIDC userinfo. */
export const entraRoutes: FastifyPluginAsync<{ ctx: DevTenantContext }> = async (app, { ctx }) => {
  const codes = createAuthorizationCodeStore();
  await app.register(discoveryRoutes, { ctx });
  await app.register(tokenEndpointRoutes, { ctx, codes });
  await app.register(authorizeRoutes, { ctx, codes });
  await app.register(userInfoRoutes, { ctx });
};
