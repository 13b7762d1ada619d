import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { DevTenantContext } from '../context.js';
import { sendGraphError } from '../graph-http.js';
import type { TenantState } from '../state.js';
import { authenticateGraphRequest } from './auth.js';
import { batchRoutes, BATCH_ITEM_HEADER } from './batch.js';
import { deltaRoutes } from './delta.js';
import { groupRoutes } from './groups/index.js';
import { GraphRequestError } from './odata/errors.js';
import { userRoutes } from './users/index.js';

/** Route plugins written against the shared state only (calendar, mail), mounted behind the same Graph auth. */
export type StatePlugin = FastifyPluginAsync<{ state: TenantState }>;

const BATCH_PATH = '/v1.0/$batch';

function sendFault(request: FastifyRequest, reply: FastifyReply, kind: 'throttle' | 'unavailable', retryAfterSeconds: number): FastifyReply {
  reply.header('retry-after', String(retryAfterSeconds));
  return kind === 'throttle'
    ? sendGraphError(request, reply, 429, 'TooManyRequests', 'Too many requests are being made. Please retry after the time given in the Retry-After header.')
    : sendGraphError(request, reply, 503, 'serviceNotAvailable', 'The service is temporarily unavailable. Please retry after the time given in the Retry-After header.');
}

/**
 * Microsoft Graph v1.0 under /v1.0: bearer validation, injected faults and request stats around every route,
 * Graph's error body for every failure, then the directory routes and the state plugins given.
 */
export const graphRoutes: FastifyPluginAsync<{ ctx: DevTenantContext; statePlugins: StatePlugin[] }> = async (app, { ctx, statePlugins }) => {
  app.decorateRequest('graphCaller', null as never);

  app.addHook('onRequest', async (request, reply) => {
    if (!(await authenticateGraphRequest(ctx, request, reply))) return reply;
    const path = request.url.split('?')[0]!;
    if (path === BATCH_PATH) return;
    const { fault, delayMs } = ctx.faults.decide(path);
    if (delayMs > 0) await ctx.stats.hold(delayMs);
    if (fault) return sendFault(request, reply, fault.kind, fault.retryAfterSeconds);
  });

  app.addHook('onResponse', async (request, reply) => {
    ctx.stats.record(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, request.headers[BATCH_ITEM_HEADER] === '1');
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof GraphRequestError) return sendGraphError(request, reply, error.statusCode, error.code, error.message);
    if (error.validation || (error.statusCode && error.statusCode < 500)) {
      const message = error.code?.startsWith('FST_ERR_CTP') ? 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.' : error.message;
      return sendGraphError(request, reply, error.statusCode ?? 400, 'BadRequest', message);
    }
    request.log.error({ err: error }, 'graph route failed');
    return sendGraphError(request, reply, 500, 'generalException', 'General exception while processing.');
  });

  app.setNotFoundHandler((request, reply) => {
    const segment = request.url.split('?')[0]!.split('/').filter(Boolean).slice(1).join('/');
    return sendGraphError(request, reply, 400, 'BadRequest', `Resource not found for the segment '${segment.split('/')[0] ?? ''}'.`);
  });

  // /me is rewritten to /users/{oid} for delegated tokens (see rewriteMeUrl); what reaches here had no user.
  const meWithoutUser = async (request: FastifyRequest, reply: FastifyReply) =>
    sendGraphError(request, reply, 400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
  app.all('/me', meWithoutUser);
  app.all('/me/*', meWithoutUser);

  await app.register(userRoutes, { ctx });
  await app.register(deltaRoutes, { ctx });
  await app.register(groupRoutes, { ctx });
  await app.register(batchRoutes, { ctx });
  for (const plugin of statePlugins) await app.register(plugin, { state: ctx.state });
};
