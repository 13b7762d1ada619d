import type { FastifyRequest } from 'fastify';
import { GraphRequestError } from './errors.js';
import { compileFilter, type FilterField } from './filter.js';
import { decodeToken, encodeToken, linkWith, pageOf, type ListQuery } from './query.js';

/** A directory collection to page through: items sorted by `keyOf`, rendered per item. */
export interface CollectionSpec<T> {
  items: readonly T[];
  keyOf(item: T): string;
  render(item: T): Record<string, unknown>;
  filterFields: Record<string, FilterField<T>>;
  resource: string;
  /** `$metadata#...` fragment, e.g. 'users(displayName,id)' or 'directoryObjects'. */
  context: string;
  /** Extra condition beyond $filter/$search (type-cast segments). */
  where?: (item: T) => boolean;
  search?: (item: T, property: string, term: string) => boolean;
}

const DEFAULT_PAGE = 100;

const isPageToken = (value: unknown): value is { k: string } =>
  typeof value === 'object' && value !== null && typeof (value as { k?: unknown }).k === 'string';

/** Parses $search="prop:term" [OR|AND "prop:term"] (https://learn.microsoft.com/graph/search-query-parameter#using-search-on-directory-object-collections). */
function searchPredicate<T>(search: string, spec: CollectionSpec<T>): (item: T) => boolean {
  const clauses = [...search.matchAll(/"([^":]+):([^"]*)"|\b(OR|AND)\b/gi)];
  if (!clauses.length || !spec.search) {
    throw new GraphRequestError(400, 'Request_UnsupportedQuery', `Invalid $search query '${search}'. Use "property:term", for example "displayName:meg".`);
  }
  const terms: Array<{ property: string; term: string }> = [];
  let joiner: 'or' | 'and' = 'or';
  for (const match of clauses) {
    if (match[3]) joiner = match[3].toLowerCase() as 'or' | 'and';
    else terms.push({ property: match[1]!, term: match[2]!.toLowerCase() });
  }
  const test = (item: T, t: { property: string; term: string }): boolean => spec.search!(item, t.property, t.term);
  return joiner === 'and' ? (item) => terms.every((t) => test(item, t)) : (item) => terms.some((t) => test(item, t));
}

/** Graph tokenizes displayName-like values and matches on word prefixes. */
export function tokenMatch(value: string | null, term: string): boolean {
  if (!value) return false;
  const lower = value.toLowerCase();
  return lower.startsWith(term) || lower.split(/[\s._@-]+/).some((word) => word.startsWith(term));
}

/**
 * Answers a directory collection as Graph does: $filter, $search, $count, $top and keyset $skiptoken paging,
 * with the advanced-query rules (ConsistencyLevel: eventual) of https://learn.microsoft.com/graph/aad-advanced-queries.
 */
export function respondCollection<T>(request: FastifyRequest, baseUrl: string, q: ListQuery, spec: CollectionSpec<T>): Record<string, unknown> {
  if (q.search !== null && !q.eventual) {
    throw new GraphRequestError(400, 'Request_UnsupportedQuery', "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
  }
  const filter = q.filter ? compileFilter(q.filter, spec.filterFields, spec.resource, q.advanced) : null;
  const search = q.search !== null ? searchPredicate(q.search, spec) : null;
  const checks = [spec.where, filter?.predicate, search].filter((p): p is (item: T) => boolean => !!p);
  const predicate = checks.length ? (item: T) => checks.every((p) => p(item)) : () => true;
  const after = q.skipToken ? decodeToken(q.skipToken, isPageToken).k : null;
  const { page, lastKey, more } = pageOf(spec.items, spec.keyOf, predicate, q.top ?? DEFAULT_PAGE, after);
  const body: Record<string, unknown> = { '@odata.context': `${baseUrl}/v1.0/$metadata#${spec.context}` };
  // $count=true without ConsistencyLevel is silently ignored, as Graph does.
  if (q.count && q.eventual) body['@odata.count'] = spec.items.reduce((n, item) => (predicate(item) ? n + 1 : n), 0);
  if (more && lastKey !== null) body['@odata.nextLink'] = linkWith(baseUrl, request, { $skiptoken: encodeToken({ k: lastKey }) }, ['skiptoken']);
  body.value = page.map((item) => spec.render(item));
  return body;
}

/** `/$count` segment: text/plain number; only with ConsistencyLevel: eventual. */
export function countOf<T>(q: ListQuery, spec: CollectionSpec<T>): string {
  if (!q.eventual) throw new GraphRequestError(400, 'Request_BadRequest', '$count is not currently supported.');
  const filter = q.filter ? compileFilter(q.filter, spec.filterFields, spec.resource, true) : null;
  const where = spec.where;
  let n = 0;
  for (const item of spec.items) if ((!where || where(item)) && (!filter || filter.predicate(item))) n++;
  return String(n);
}
