import type { GroupDirectory, GroupSummary } from '../../domain/audiences/group-directory.js';
import type { GraphGateway } from './graph-gateway.js';
import { GraphRequestError } from './graph-request-error.js';
import { gatewayFor, isObjectId } from './graph-scope.js';

/** Graph `group`, the properties selected below. */
interface GraphGroup {
  id: string;
  displayName: string | null;
  description: string | null;
}

const GROUP_FIELDS = 'id,displayName,description';
/** Graph's largest page of groups. */
const MAX_TOP = 999;

function toSummary(group: GraphGroup): GroupSummary {
  return { id: group.id, displayName: group.displayName ?? group.id, description: group.description ?? null };
}

/**
 * Finds groups through Graph (Group.Read.All, application permission). Search is Graph's `$search` on displayName,
 * which matches the start of any word ("fin" finds "Corporate Finance"), sorted by name: both are advanced queries,
 * so they go with `ConsistencyLevel: eventual` and `$count=true`
 * (https://learn.microsoft.com/graph/api/group-list#example-5-use-search-to-get-groups-with-display-names-that-contain-the-letters-video-including-a-count-of-returned-objects).
 */
export function createGroupDirectory(gateway: GraphGateway): GroupDirectory {
  return {
    async search(scope, text, limit) {
      const graph = gatewayFor(gateway, scope);
      // A double quote or backslash would end or escape the quoted $search term; neither helps find a name.
      const term = text.replace(/["\\]/g, ' ').trim();
      const top = Math.min(Math.trunc(limit), MAX_TOP);
      if (term === '' || !(top > 0)) return [];
      const search = encodeURIComponent(`"displayName:${term}"`);
      const page = await graph.get<{ value: GraphGroup[] }>(
        `/groups?$search=${search}&$orderby=displayName&$count=true&$select=${GROUP_FIELDS}&$top=${top}`,
        { headers: { ConsistencyLevel: 'eventual' } },
      );
      return page.value.map(toSummary);
    },

    async findById(scope, id) {
      const graph = gatewayFor(gateway, scope);
      if (!isObjectId(id)) return null;
      try {
        return toSummary(await graph.get<GraphGroup>(`/groups/${id}?$select=${GROUP_FIELDS}`));
      } catch (error) {
        if (error instanceof GraphRequestError && error.status === 404) return null;
        throw error;
      }
    },
  };
}
