import {
  organizationFields,
  type DirectoryChange,
  type DirectoryProfile,
} from '../../domain/directory/directory-person.js';
import type { DeltaPage, DirectorySource, ProfileRead } from '../../domain/directory/directory-source.js';
import { createError } from '../../errors.js';
import { MAX_BATCH_SIZE } from './graph-batch.js';
import type { BatchRequest, BatchResponse, GraphGateway } from './graph-gateway.js';
import { GraphRequestError, isTransientStatus } from './graph-request-error.js';
import { gatewayFor } from './graph-scope.js';

/** The user properties a delta round reads (manager comes as manager@delta). */
const DELTA_FIELDS = [
  'id',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'userPrincipalName',
  ...organizationFields,
  'accountEnabled',
] as const;
const TEXT_FIELDS = ['givenName', 'surname', 'mail', ...organizationFields] as const;

/** Graph's largest delta page; fewer pages means fewer requests against the tenant's throttling budget. */
const MAX_PAGE_SIZE = 999;
const PAGE_HEADERS = { Prefer: `odata.maxpagesize=${MAX_PAGE_SIZE}` };

/**
 * Answers Graph gives a stored delta or page link it no longer honours; the round must start over
 * (https://learn.microsoft.com/graph/delta-query-overview: 410 Gone, resync required; expired page tokens).
 */
const RESYNC_CODES = new Set([
  'syncstatenotfound',
  'resyncrequired',
  'syncstateinvalid',
  'directory_expiredpagetoken',
]);

interface DeltaItem extends Record<string, unknown> {
  id: string;
  '@removed'?: { reason?: string };
  'manager@delta'?: Array<{ id?: string; '@removed'?: unknown }>;
}

interface DeltaBody {
  value?: DeltaItem[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function toChange(item: DeltaItem): DirectoryChange {
  const change: DirectoryChange = { id: item.id };
  if (typeof item.displayName === 'string') change.displayName = item.displayName;
  if (typeof item.userPrincipalName === 'string') change.userPrincipalName = item.userPrincipalName;
  if (typeof item.accountEnabled === 'boolean') change.accountEnabled = item.accountEnabled;
  for (const field of TEXT_FIELDS) if (field in item) change[field] = text(item[field]);
  const manager = item['manager@delta']?.[0];
  if (manager)
    change.managerId =
      manager['@removed'] !== undefined || typeof manager.id !== 'string' ? null : manager.id;
  return change;
}

function isResyncRequired(error: unknown): error is GraphRequestError {
  return (
    error instanceof GraphRequestError &&
    (error.status === 410 || RESYNC_CODES.has((error.graphCode ?? '').toLowerCase()))
  );
}

function profileOf(id: string, profile: BatchResponse, timeZone: BatchResponse): DirectoryProfile {
  const body = (profile.body ?? {}) as { skills?: unknown; responsibilities?: unknown; aboutMe?: unknown };
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  // A user without a mailbox has no mailbox settings: the profile is still worth keeping.
  const zone = timeZone.status === 200 ? text((timeZone.body as { value?: unknown } | null)?.value) : null;
  return {
    id,
    skills: strings(body.skills),
    responsibilities: strings(body.responsibilities),
    aboutMe: text(body.aboutMe),
    timeZone: zone,
  };
}

/** The tenant's people through GET /users/delta, and their profiles through $batch. */
export function createDirectorySource(graph: GraphGateway): DirectorySource {
  return {
    async readDeltaPage(scope, link) {
      const gateway = gatewayFor(graph, scope);
      const path = link ?? `/users/delta?$select=${DELTA_FIELDS.join(',')},manager`;
      let body: DeltaBody;
      try {
        body = await gateway.get<DeltaBody>(path, { headers: PAGE_HEADERS });
      } catch (error) {
        if (link !== null && isResyncRequired(error))
          return { kind: 'resync-required', reason: `${error.status} ${error.graphCode ?? ''}`.trim() };
        throw error;
      }
      const nextLink = body['@odata.nextLink'] ?? null;
      const deltaLink = body['@odata.deltaLink'] ?? null;
      if (nextLink === null && deltaLink === null) {
        throw createError(
          'CAMPUS_ERR_GRAPH_UNAVAILABLE',
          'Microsoft Graph answered a delta page with neither @odata.nextLink nor @odata.deltaLink',
        );
      }
      const page: DeltaPage = { kind: 'page', changes: [], removedIds: [], nextLink, deltaLink };
      for (const item of body.value ?? []) {
        if (typeof item.id !== 'string') continue;
        if (item['@removed'] !== undefined) page.removedIds.push(item.id);
        else page.changes.push(toChange(item));
      }
      return page;
    },

    async countPeople(scope) {
      const answer = await gatewayFor(graph, scope).get<unknown>('/users/$count', {
        headers: { ConsistencyLevel: 'eventual' },
      });
      const count = typeof answer === 'number' ? answer : Number(answer);
      return Number.isInteger(count) && count >= 0 ? count : null;
    },

    async readProfiles(scope, ids): Promise<ProfileRead> {
      const gateway = gatewayFor(graph, scope);
      const requests: BatchRequest[] = ids.flatMap((id, index) => [
        {
          id: `${index}-profile`,
          method: 'GET' as const,
          url: `/users/${encodeURIComponent(id)}?$select=id,skills,responsibilities,aboutMe`,
        },
        {
          id: `${index}-timezone`,
          method: 'GET' as const,
          url: `/users/${encodeURIComponent(id)}/mailboxSettings/timeZone`,
        },
      ]);
      const answers = requests.length > 0 ? await gateway.batch(requests) : [];
      const read: ProfileRead = {
        profiles: [],
        gone: [],
        failed: [],
        batches: Math.ceil(requests.length / MAX_BATCH_SIZE),
        requests: requests.length,
      };
      ids.forEach((id, index) => {
        const profile = answers[2 * index]!;
        const timeZone = answers[2 * index + 1]!;
        if (profile.status === 404) read.gone.push(id);
        else if (profile.status !== 200 || isTransientStatus(timeZone.status) || timeZone.status >= 500)
          read.failed.push(id);
        else read.profiles.push(profileOf(id, profile, timeZone));
      });
      return read;
    },
  };
}
