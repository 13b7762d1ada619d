/**
 * A request that Microsoft Graph answered with an error that retrying will not fix (400, 403, 404, 409...).
 * Callers branch on `status` (e.g. 404 → "no such user") and log `requestId` for Microsoft support.
 */
export class GraphRequestError extends Error {
  constructor(
    /** HTTP status of Graph's answer; 0 when no answer came (network failure). */
    readonly status: number,
    /** Graph's `error.code`, e.g. Request_ResourceNotFound, ErrorAccessDenied. */
    readonly graphCode: string | null,
    message: string,
    /** Graph's request-id, from the error body or the response header. */
    readonly requestId: string | null,
    readonly method: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Graph ${method} ${path} failed with ${status}${graphCode ? ` ${graphCode}` : ''}: ${message}`,
      options,
    );
    this.name = 'GraphRequestError';
  }
}

/** Statuses Graph documents as "try again later": throttling, unavailable, gateway timeout. */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status === 503 || status === 504;
}

/** The parts of the Graph SDK's GraphError (and of fetch failures) that we read. */
interface SdkErrorShape {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  requestId?: unknown;
  headers?: unknown;
}

function headerOf(headers: unknown, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  return null;
}

/**
 * Turns what the Graph SDK threw into a GraphRequestError, keeping the SDK error as `cause`.
 * The SDK reports "no response" (connection reset, DNS, abort) as statusCode -1; that becomes status 0.
 */
export function toGraphRequestError(error: unknown, method: string, path: string): GraphRequestError {
  const shape: SdkErrorShape = typeof error === 'object' && error !== null ? error : {};
  const status = typeof shape.statusCode === 'number' && shape.statusCode > 0 ? shape.statusCode : 0;
  const graphCode = typeof shape.code === 'string' && shape.code !== '' ? shape.code : null;
  const message = typeof shape.message === 'string' && shape.message !== '' ? shape.message : String(error);
  const requestId =
    (typeof shape.requestId === 'string' && shape.requestId !== '' ? shape.requestId : null) ??
    headerOf(shape.headers, 'request-id');
  return new GraphRequestError(status, graphCode, message, requestId, method, path, { cause: error });
}

/** The Retry-After header of a failed SDK call, when Graph sent one. */
export function retryAfterOf(error: unknown): string | null {
  const headers = typeof error === 'object' && error !== null ? (error as SdkErrorShape).headers : undefined;
  return headerOf(headers, 'retry-after');
}
