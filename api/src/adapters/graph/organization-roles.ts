import type { OrganizationRoles } from '../../domain/people/person.js';
import type { GraphGateway } from './graph-gateway.js';
import { GraphRequestError } from './graph-request-error.js';
import { gatewayFor, isObjectId } from './graph-scope.js';

function isNotFound(error: unknown): boolean {
  return error instanceof GraphRequestError && error.status === 404;
}

/** Group membership and reporting lines from Graph. Answers are not cached here: caching is the caller's. */
export function createOrganizationRoles(gateway: GraphGateway): OrganizationRoles {
  return {
    async isMemberOfGroup(scope, userId, groupId) {
      const graph = gatewayFor(gateway, scope);
      if (!isObjectId(userId) || !isObjectId(groupId)) return false;
      try {
        // checkMemberGroups is transitive: membership through nested groups counts.
        const answer = await graph.post<{ value: string[] }>(`/users/${userId}/checkMemberGroups`, {
          groupIds: [groupId],
        });
        return answer.value.some((id) => id.toLowerCase() === groupId.toLowerCase());
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },

    async hasDirectReports(scope, userId) {
      const graph = gatewayFor(gateway, scope);
      if (!isObjectId(userId)) return false;
      try {
        const page = await graph.get<{ value: unknown[] }>(
          `/users/${userId}/directReports?$top=1&$select=id`,
        );
        return page.value.length > 0;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
  };
}
