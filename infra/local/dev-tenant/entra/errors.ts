import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/**
 * Entra's OAuth error body (https://learn.microsoft.com/entra/identity-platform/reference-error-codes):
 * { error, error_description: 'AADSTSnnn: ...\r\nTrace ID: ...', error_codes, timestamp, trace_id, correlation_id, error_uri }.
 */
export function sendEntraError(reply: FastifyReply, statusCode: number, error: string, aadsts: number, message: string): FastifyReply {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
  return reply
    .code(statusCode)
    .header('cache-control', 'no-store, no-cache')
    .send({
      error,
      error_description: `AADSTS${aadsts}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
    });
}
