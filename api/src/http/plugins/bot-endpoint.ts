import type { FastifyPluginAsync } from 'fastify';

/** The bot's protocol handler as bot/ exports it: a plain function from HTTP request to HTTP response. */
export type BotHandler = (request: {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}) => Promise<{ status: number; headers: Record<string, string>; body: unknown }>;

/** Mounts the bot at the Bot Framework's conventional endpoint; the bot itself never sees Fastify. */
export const botEndpoint: FastifyPluginAsync<{ handle: BotHandler }> = async (app, { handle }) => {
  app.post('/api/messages', { schema: { hide: true } }, async (request, reply) => {
    const response = await handle({ method: request.method, headers: request.headers, body: request.body });
    return reply.code(response.status).headers(response.headers).send(response.body ?? '');
  });
};
