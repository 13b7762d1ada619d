import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

export interface ClientConfig {
  tenantId: string;
  clientId: string;
  /** Where the tab signs in outside Teams (authorization code + PKCE). */
  authority: string;
  /** The delegated scope the tab asks for to call this API. */
  apiScope: string;
}

const ClientConfigView = Type.Object({ tenantId: Type.String(), clientId: Type.String(), authority: Type.String(), apiScope: Type.String() });

/** Public: what the tab needs before the user has signed in. */
export const clientConfigRoutes: FastifyPluginAsyncTypebox<{ clientConfig: ClientConfig }> = async (app, { clientConfig }) => {
  app.get('/api/config', { schema: { tags: ['config'], summary: 'Sign-in settings for the tab', response: { 200: ClientConfigView } } }, async () => clientConfig);
};
