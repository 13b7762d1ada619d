import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Who is calling Graph, from the validated bearer token (set by the dev tenant's auth hook on /v1.0). */
export interface GraphCaller {
  /** 'application' for client-credentials tokens (roles), 'delegated' for user tokens (scp). */
  kind: 'application' | 'delegated';
  appId: string;
  /** The signed-in user for delegated tokens; null for application tokens. */
  userId: string | null;
  roles: string[];
  scopes: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    graphCaller: GraphCaller;
  }
}

/**
 * Answers with Graph's error body
 * (https://learn.microsoft.com/graph/errors): { error: { code, message, innerError: { date, request-id, client-request-id } } }.
 */
export function sendGraphError(
  request: FastifyRequest,
  reply: FastifyReply,
  statusCode: number,
  code: string,
  message: string,
): FastifyReply {
  const requestId = randomUUID();
  const clientRequestId = request.headers['client-request-id'];
  return reply
    .code(statusCode)
    .header('request-id', requestId)
    .header('content-type', 'application/json')
    .send({
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
          'request-id': requestId,
          'client-request-id': typeof clientRequestId === 'string' ? clientRequestId : requestId,
        },
      },
    });
}
