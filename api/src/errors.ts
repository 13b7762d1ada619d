/**
 * The one catalog of Campus error codes, in the manner of Fastify's lib/errors.js.
 * A code is never reused for another meaning; docs/errors.md documents each (a test checks).
 */
export class CampusError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly statusCode: number,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CampusError';
    this.details = options?.details;
  }
  readonly details: Record<string, unknown> | undefined;
}

export const errorCatalog = {
  CAMPUS_ERR_VALIDATION: 400,
  CAMPUS_ERR_INVALID_AUDIENCE_RULE: 400,
  CAMPUS_ERR_AUDIENCE_NOT_FOUND: 404,
  CAMPUS_ERR_AUDIENCE_NAME_TAKEN: 409,
  CAMPUS_ERR_UNAUTHENTICATED: 401,
  CAMPUS_ERR_FORBIDDEN: 403,
  CAMPUS_ERR_NOT_FOUND: 404,
  CAMPUS_ERR_SESSION_NOT_FOUND: 404,
  CAMPUS_ERR_UNKNOWN_PRESENTER: 400,
  CAMPUS_ERR_SESSION_FULL: 409,
  CAMPUS_ERR_ALREADY_REGISTERED: 409,
  CAMPUS_ERR_SESSION_NOT_OPEN: 409,
  CAMPUS_ERR_REGISTRATION_NOT_FOUND: 404,
  CAMPUS_ERR_SCHEDULE_CONFLICT: 409,
  CAMPUS_ERR_INVALID_TRANSITION: 409,
  CAMPUS_ERR_ALREADY_DECIDED: 409,
  CAMPUS_ERR_APPROVAL_NOT_FOUND: 404,
  CAMPUS_ERR_NOT_APPROVER: 403,
  CAMPUS_ERR_APPROVAL_SIGNATURE_INVALID: 403,
  CAMPUS_ERR_APPROVAL_CLOSED: 409,
  CAMPUS_ERR_UNKNOWN_DELEGATE: 400,
  CAMPUS_ERR_CAPACITY_BELOW_TAKEN: 409,
  CAMPUS_ERR_SESSION_NOT_STARTED: 409,
  CAMPUS_ERR_SESSION_BUSY: 409,
  CAMPUS_ERR_PAYLOAD_TOO_LARGE: 413,
  CAMPUS_ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  CAMPUS_ERR_STORE_UNAVAILABLE: 503,
  CAMPUS_ERR_IDENTITY_UNAVAILABLE: 503,
  CAMPUS_ERR_GRAPH_UNAVAILABLE: 503,
  CAMPUS_ERR_INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorCatalog;

export function createError(
  code: ErrorCode,
  message: string,
  options?: { cause?: unknown; details?: Record<string, unknown> },
): CampusError {
  return new CampusError(code, message, errorCatalog[code], options);
}
