import type { GroupMembersSource } from '../../domain/audiences/group-membership-cache.js';
import type { GraphGateway } from './graph-gateway.js';
import { GraphRequestError } from './graph-request-error.js';
import { gatewayFor, isObjectId } from './graph-scope.js';

/**
 * Transitive user members of a group: GET /groups/{id}/transitiveMembers/microsoft.graph.user, ids only, in pages of
 * 999 (Graph's largest), so nested groups are flattened by Graph and a 100,000-member group is about 100 requests.
 */
export function createGroupMembersSource(gateway: GraphGateway): GroupMembersSource {
  return {
    async fetchTransitiveUserIds(scope, groupId) {
      const graph = gatewayFor(gateway, scope);
      if (!isObjectId(groupId)) return null;
      const ids: string[] = [];
      try {
        for await (const page of graph.pages<{ id: string }>(`/groups/${groupId}/transitiveMembers/microsoft.graph.user?$select=id&$top=999`)) {
          for (const member of page) ids.push(member.id);
        }
      } catch (error) {
        if (error instanceof GraphRequestError && error.status === 404) return null;
        throw error;
      }
      return ids;
    },
  };
}
