import Fastify, { type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Audiences } from './domain/audiences/audiences.js';
import type { Campus } from './domain/campus.js';
import type { DirectorySync } from './domain/directory/sync-directory.js';
import type { TokenVerifier } from './domain/people/identity.js';
import type { RoleResolver } from './domain/people/resolve-roles.js';
import { authentication } from './http/plugins/authentication.js';
import { botEndpoint, type BotHandler } from './http/plugins/bot-endpoint.js';
import { errorHandler } from './http/plugins/error-handler.js';
import { openApi } from './http/plugins/openapi.js';
import { tab } from './http/plugins/tab.js';
import { validation } from './http/plugins/validation.js';
import { clientConfigRoutes, type ClientConfig } from './http/routes/client-config/index.js';
import { directoryRoutes } from './http/routes/directory/index.js';
import { audienceRoutes } from './http/routes/audiences/index.js';
import { expertRoutes } from './http/routes/experts/index.js';
import { groupRoutes } from './http/routes/groups/index.js';
import { approvalRoutes } from './http/routes/approvals/index.js';
import { healthRoutes, type ReadinessCheck } from './http/routes/health/index.js';
import { meRoutes } from './http/routes/me/index.js';
import { peopleRoutes } from './http/routes/people/index.js';
import { registrationRoutes } from './http/routes/registrations/index.js';
import { sessionRoutes } from './http/routes/sessions/index.js';
import { SessionView } from './http/routes/sessions/schemas.js';
import { RegistrationView } from './http/routes/registrations/schemas.js';

/** What the HTTP app is built from: the bound use cases and the edges. Tests pass fakes; server.ts passes real ones. */
export interface AppDeps {
  campus: Campus;
  /** Targeting: saved audiences, previews, recipients and expert search; absent, their routes are not served. */
  audiences?: Audiences | null;
  /** The directory sync from Microsoft Graph; absent, its routes are not served. */
  directorySync?: DirectorySync | null;
  tokenVerifier: TokenVerifier;
  resolveRoles: RoleResolver;
  clientConfig: ClientConfig;
  readiness: ReadinessCheck[];
  botHandler: BotHandler | null;
  /** Folder of the built tab, or null to serve none. */
  tabDir: string | null;
  logger: FastifyServerOptions['logger'];
}

/** Largest JSON body accepted: a session description is the biggest thing anyone sends. */
const BODY_LIMIT_BYTES = 64 * 1024;

/** Builds the Fastify app without listening (Fastify's Testing guide: tests use inject()). */
export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    logger: deps.logger,
    bodyLimit: BODY_LIMIT_BYTES,
  }).withTypeProvider<TypeBoxTypeProvider>();
  // The API speaks JSON only: other bodies get 415 rather than reaching validation as text.
  app.removeContentTypeParser('text/plain');

  await app.register(errorHandler);
  await app.register(validation);
  await app.register(openApi);
  await app.register(healthRoutes, { readiness: deps.readiness });
  await app.register(clientConfigRoutes, { clientConfig: deps.clientConfig });
  if (deps.botHandler) await app.register(botEndpoint, { handle: deps.botHandler });
  await app.register(
    async (api) => {
      // Views that several route folders answer with.
      api.addSchema(SessionView);
      api.addSchema(RegistrationView);
      await api.register(authentication, { verifier: deps.tokenVerifier, resolveRoles: deps.resolveRoles });
      await api.register(sessionRoutes, { campus: deps.campus });
      await api.register(registrationRoutes, { campus: deps.campus });
      await api.register(meRoutes, { campus: deps.campus });
      await api.register(peopleRoutes, { campus: deps.campus });
      if (deps.campus.approvals) await api.register(approvalRoutes, { approvals: deps.campus.approvals });
      if (deps.audiences) {
        await api.register(audienceRoutes, { audiences: deps.audiences });
        await api.register(expertRoutes, { audiences: deps.audiences });
        await api.register(groupRoutes, { audiences: deps.audiences });
      }
      if (deps.directorySync) await api.register(directoryRoutes, { directorySync: deps.directorySync });
    },
    { prefix: '/api' },
  );
  if (deps.tabDir) await app.register(tab, { root: deps.tabDir });
  return app;
}
