import type { FastifyRequest } from 'fastify';
import { GraphRequestError } from './errors.js';

/** The OData system query options Graph reads on collections (https://learn.microsoft.com/graph/query-parameters). */
export interface ListQuery {
  select: string[] | null;
  filter: string | null;
  top: number | null;
  skipToken: string | null;
  count: boolean;
  orderBy: string | null;
  search: string | null;
  expand: string[];
  /** ConsistencyLevel: eventual was sent. */
  eventual: boolean;
  /** Advanced query parameters are present: ConsistencyLevel: eventual and $count=true. */
  advanced: boolean;
}

/** Graph v1.0 accepts the options with or without the `$` prefix. */
function option(request: FastifyRequest, name: string): string | undefined {
  const query = request.query as Record<string, string | string[] | undefined>;
  const value = query[`$${name}`] ?? query[name] ?? query[`$${name.toLowerCase()}`] ?? query[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function list(value: string | undefined): string[] | null {
  if (value === undefined) return null;
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

export function readListQuery(request: FastifyRequest, maxTop = 999): ListQuery {
  const topText = option(request, 'top');
  let top: number | null = null;
  if (topText !== undefined) {
    top = Number(topText);
    if (!Number.isInteger(top) || top < 1) {
      throw new GraphRequestError(400, 'BadRequest', `Invalid value '${topText}' for $top query option found. The $top query option requires a non-negative integer value.`);
    }
    if (top > maxTop) {
      throw new GraphRequestError(400, 'Request_BadRequest', `Invalid page size specified: '${top}'. Must be between 1 and ${maxTop} inclusive.`);
    }
  }
  const countText = option(request, 'count');
  const eventual = String(request.headers.consistencylevel ?? '').toLowerCase() === 'eventual';
  const count = countText?.toLowerCase() === 'true';
  return {
    select: list(option(request, 'select')),
    filter: option(request, 'filter') ?? null,
    top,
    skipToken: option(request, 'skiptoken') ?? option(request, 'skipToken') ?? null,
    count,
    orderBy: option(request, 'orderby') ?? option(request, 'orderBy') ?? null,
    search: option(request, 'search') ?? null,
    expand: list(option(request, 'expand')) ?? [],
    eventual,
    advanced: eventual && count,
  };
}

/** Page tokens are self-contained (base64url JSON), so a client can resume from any stored nextLink. */
export function encodeToken(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeToken<T>(token: string, isValid: (value: unknown) => value is T): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (isValid(value)) return value;
  } catch {
    // falls through to Graph's answer for a token it cannot read
  }
  throw new GraphRequestError(400, 'Directory_ExpiredPageToken', 'The specified page token value has expired and can no longer be included in your request.');
}

/** Rebuilds the request URL on the public base with a new $skiptoken (other options kept as sent). */
export function linkWith(baseUrl: string, request: FastifyRequest, params: Record<string, string>, drop: string[] = []): string {
  const url = new URL(request.url, 'https://placeholder');
  const dropped = new Set([...drop, ...Object.keys(params)].map((k) => k.toLowerCase()));
  const kept = [...url.searchParams].filter(([k]) => !dropped.has(k.toLowerCase()) && !dropped.has(`$${k.toLowerCase()}`));
  // Graph's links keep the `$` of system query options readable; values are percent-encoded.
  const query = [...kept, ...Object.entries(params)].map(([k, v]) => `${encodeURIComponent(k).replace(/^%24/, '$')}=${encodeURIComponent(v)}`).join('&');
  return `${baseUrl}${url.pathname}?${query}`;
}

/** Keeps only the selected properties (case-insensitively matched), in the order of the selection. */
export function project(entity: Record<string, unknown>, select: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const byLower = new Map(Object.keys(entity).map((k) => [k.toLowerCase(), k]));
  for (const name of select) {
    const key = byLower.get(name.toLowerCase());
    if (key) out[key] = entity[key];
  }
  return out;
}

/** One page of a sorted collection: keyset paging from the token's last key, so concurrent changes neither skip nor repeat. */
export function pageOf<T>(items: readonly T[], keyOf: (item: T) => string, predicate: (item: T) => boolean, size: number, afterKey: string | null): { page: T[]; lastKey: string | null; more: boolean } {
  let start = 0;
  if (afterKey !== null) {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keyOf(items[mid]!) <= afterKey) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const page: T[] = [];
  let i = start;
  for (; i < items.length && page.length < size; i++) if (predicate(items[i]!)) page.push(items[i]!);
  let more = false;
  for (; i < items.length; i++) if (predicate(items[i]!)) { more = true; break; }
  return { page, lastKey: page.length ? keyOf(page[page.length - 1]!) : null, more };
}
