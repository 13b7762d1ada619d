import type { FastifyRequest } from 'fastify';

/** Graph's default page size for event collections. */
const DEFAULT_PAGE_SIZE = 10;

/** One page of a collection: $top, else `Prefer: odata.maxpagesize`, else 10; $skip from the previous nextLink. */
export interface Page<T> {
  items: T[];
  nextLink: string | null;
}

/** Cuts a page from the whole collection and writes the @odata.nextLink Graph would give for the rest. */
export function pageOf<T>(request: FastifyRequest, all: T[]): Page<T> {
  const query = request.query as Record<string, string | undefined>;
  const prefer = String(request.headers.prefer ?? '');
  const maxPageSize = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer)?.[1];
  const size = Math.max(1, Number(query.$top ?? maxPageSize ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE);
  const skip = Math.max(0, Number(query.$skip ?? 0) || 0);
  const items = all.slice(skip, skip + size);
  if (skip + size >= all.length) return { items, nextLink: null };
  const url = new URL(request.url, `${request.protocol}://${request.host}`);
  url.searchParams.set('$skip', String(skip + size));
  return { items, nextLink: url.toString() };
}
