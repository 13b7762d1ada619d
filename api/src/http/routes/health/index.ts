import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

/** A dependency the server needs to do its work (the store, the identity provider); check() rejects when it is down. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

const Checks = Type.Record(Type.String(), Type.Union([Type.Literal('ok'), Type.String()]));
const HealthView = Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]), checks: Type.Optional(Checks) });

export const healthRoutes: FastifyPluginAsyncTypebox<{ readiness: ReadinessCheck[] }> = async (app, { readiness }) => {
  app.get('/healthz', { schema: { tags: ['health'], summary: 'Liveness: the process answers', response: { 200: HealthView } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get(
    '/readyz',
    { schema: { tags: ['health'], summary: 'Readiness: the store and the identity provider answer', response: { 200: HealthView, 503: HealthView } } },
    async (request, reply) => {
      const results = await Promise.all(
        readiness.map(async ({ name, check }) => {
          try {
            await check();
            return [name, 'ok'] as const;
          } catch (error) {
            request.log.warn({ check: name, err: error }, 'readiness check failed');
            return [name, error instanceof Error ? error.message : 'unavailable'] as const;
          }
        }),
      );
      const ready = results.every(([, result]) => result === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks: Object.fromEntries(results) });
    },
  );
};
