import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** Serves the built Teams tab (tab/dist) at the site root, from the same origin as the API. */
export const tab: FastifyPluginAsync<{ root: string }> = async (app, { root }) => {
  if (!existsSync(root)) {
    app.log.warn({ root }, 'the tab is not built (npm run build:tab); only the API is served');
    return;
  }
  await app.register(fastifyStatic, { root, prefix: '/', index: ['index.html'], wildcard: false, cacheControl: true, maxAge: '1h' });
};
