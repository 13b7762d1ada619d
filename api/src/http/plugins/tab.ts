import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** Built file names under assets/ carry a content hash, so they never change; index.html must always be fresh. */
function cacheControlFor(file: string): string {
  return file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Serves the built Teams tab (tab/dist) at the site root, from the same origin as the API. No X-Frame-Options:
 * Teams, Outlook and the Microsoft 365 app show the tab in a frame.
 */
export const tab: FastifyPluginAsync<{ root: string }> = async (app, { root }) => {
  if (!existsSync(root)) {
    app.log.warn({ root }, 'the tab is not built (npm run build:tab); only the API is served');
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: ['index.html'],
    wildcard: false,
    cacheControl: false,
    setHeaders: (reply, file) => reply.header('cache-control', cacheControlFor(file)),
  });
};
