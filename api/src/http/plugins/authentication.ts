import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createError } from '../../errors.js';
import type { TokenVerifier } from '../../domain/people/identity.js';
import type { RoleResolver } from '../../domain/people/resolve-roles.js';
import type { Actor } from '../../domain/shared/tenant-scope.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user; set on every route registered inside the authenticated scope. */
    actor: Actor;
  }
}

export interface AuthenticationOptions {
  verifier: TokenVerifier;
  resolveRoles: RoleResolver;
}

/**
 * Requires `Authorization: Bearer <Entra ID access token>` on every route of the scope it is registered in,
 * and makes the user (oid in tid) and their Campus roles available as request.actor.
 */
export const authentication = fp<AuthenticationOptions>(
  async (app: FastifyInstance, options) => {
    app.decorateRequest('actor', null as unknown as Actor);
    app.addHook('onRequest', async (request) => {
      const header = request.headers.authorization;
      const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
      if (!match) {
        throw createError('CAMPUS_ERR_UNAUTHENTICATED', 'Sign in: send an Entra ID access token as "Authorization: Bearer <token>"');
      }
      const user = await options.verifier.verify(match[1]!);
      const roles = await options.resolveRoles(user, user.userId);
      request.actor = { tenantId: user.tenantId, userId: user.userId, displayName: user.displayName, mail: user.mail, roles };
    });
  },
  { name: 'campus-authentication' },
);

