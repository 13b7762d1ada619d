import type { FastifyError, FastifyInstance } from 'fastify';
import { STATUS_CODES } from 'node:http';
import fp from 'fastify-plugin';
import { CampusError, createError, type ErrorCode } from '../../errors.js';
import { ErrorBody } from '../schemas/error-body.js';

/** Fastify's own request errors, mapped onto the Campus catalog. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'CAMPUS_ERR_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'CAMPUS_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'CAMPUS_ERR_VALIDATION',
  FST_ERR_CTP_INVALID_JSON_BODY: 'CAMPUS_ERR_VALIDATION',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'CAMPUS_ERR_VALIDATION',
};

type AjvIssue = NonNullable<FastifyError['validation']>[number];

/** Ajv's wording ("must be >= 1") said the way a person reads it, naming the field. */
function describeIssue(issue: AjvIssue | undefined): string {
  const params = (issue?.params ?? {}) as Record<string, unknown>;
  switch (issue?.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field';
    case 'minimum':
      return `must be at least ${String(params.limit)}`;
    case 'maximum':
      return `must be at most ${String(params.limit)}`;
    case 'minLength':
      return `must have at least ${String(params.limit)} characters`;
    case 'maxLength':
      return `must have at most ${String(params.limit)} characters`;
    case 'type':
      return `must be ${params.type === 'integer' ? 'a whole number' : `a ${String(params.type)}`}`;
    case 'pattern':
    case 'format':
      return 'is not in the expected format';
    default:
      return issue?.message ?? 'is not valid';
  }
}

function fromValidation(error: FastifyError): CampusError {
  const first = error.validation?.[0];
  const location = error.validationContext ?? 'body';
  // Ajv points at the parent object for a missing or an unexpected key; name the key itself.
  const key =
    first?.keyword === 'required'
      ? first.params.missingProperty
      : first?.keyword === 'additionalProperties'
        ? first.params.additionalProperty
        : undefined;
  const field = `${first?.instancePath ?? ''}${key === undefined ? '' : `/${String(key)}`}` || '/';
  const name = field === '/' ? location : field.slice(1).replaceAll('/', '.');
  return createError('CAMPUS_ERR_VALIDATION', `${name} ${describeIssue(first)}`, { details: { location, field } });
}

function toCampusError(error: FastifyError | CampusError | Error): CampusError | null {
  if (error instanceof CampusError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) return fromValidation(fastifyError);
  const code = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (code) return createError(code, fastifyError.message);
  if (fastifyError.statusCode === 400 && error instanceof SyntaxError) {
    return createError('CAMPUS_ERR_VALIDATION', 'body is not valid JSON');
  }
  return null;
}

/** The one error handler: every failure answers { statusCode, code, error, message, details? }. */
export const errorHandler = fp(
  async (app: FastifyInstance) => {
    app.addSchema(ErrorBody);
    app.setErrorHandler((error: FastifyError | CampusError, request, reply) => {
      const known = toCampusError(error);
      const failure = known ?? createError('CAMPUS_ERR_INTERNAL', 'Something went wrong on our side; it has been logged', { cause: error });
      if (failure.statusCode >= 500) request.log.error({ err: error }, failure.message);
      else request.log.info({ code: failure.code }, failure.message);
      // A store or Graph that is overloaded or down says how long to wait; the client hears it the standard way.
      const retryAfterMs = failure.details?.retryAfterMs;
      if (failure.statusCode === 503 && typeof retryAfterMs === 'number') {
        reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
      }
      return reply.code(failure.statusCode).send({
        statusCode: failure.statusCode,
        code: failure.code,
        error: STATUS_CODES[failure.statusCode] ?? 'Error',
        message: failure.message,
        ...(failure.details ? { details: failure.details } : {}),
      });
    });
    app.setNotFoundHandler((request) => {
      throw createError('CAMPUS_ERR_NOT_FOUND', `${request.method} ${request.url.split('?')[0]} does not exist`);
    });
  },
  { name: 'campus-error-handler' },
);
