import type { PeopleDirectory, Person } from '../../domain/people/person.js';
import type { GraphGateway } from './graph-gateway.js';
import { GraphRequestError } from './graph-request-error.js';
import { gatewayFor, isObjectId, odataString } from './graph-scope.js';

/** Graph `user`, the properties selected below. */
interface GraphUser {
  id: string;
  displayName: string | null;
  mail: string | null;
  userPrincipalName: string;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  accountEnabled?: boolean | null;
}

const USER_FIELDS = 'id,displayName,mail,userPrincipalName,jobTitle,department,officeLocation,accountEnabled';
/** Graph's largest page of users. */
const MAX_TOP = 999;

function toPerson(user: GraphUser): Person {
  return {
    id: user.id,
    displayName: user.displayName ?? user.userPrincipalName,
    // Accounts without an Exchange mailbox have no `mail`; their UPN is still the address Entra routes.
    mail: user.mail ?? user.userPrincipalName,
    jobTitle: user.jobTitle ?? null,
    department: user.department ?? null,
    officeLocation: user.officeLocation ?? null,
  };
}

/** Reads people from the tenant's directory through Graph (User.Read.All, application permission). */
export function createPeopleDirectory(gateway: GraphGateway): PeopleDirectory {
  return {
    async findById(scope, id) {
      const graph = gatewayFor(gateway, scope);
      if (!isObjectId(id)) return null;
      try {
        const user = await graph.get<GraphUser>(`/users/${id}?$select=${USER_FIELDS}`);
        return user.accountEnabled === false ? null : toPerson(user);
      } catch (error) {
        if (error instanceof GraphRequestError && error.status === 404) return null;
        throw error;
      }
    },

    async search(scope, text, limit) {
      const graph = gatewayFor(gateway, scope);
      const prefix = text.trim();
      const top = Math.min(Math.trunc(limit), MAX_TOP);
      if (prefix === '' || !(top > 0)) return [];
      const literal = odataString(prefix);
      const startsWith = ['displayName', 'givenName', 'surname', 'mail']
        .map((property) => `startswith(${property},${literal})`)
        .join(' or ');
      // accountEnabled in a filter is an advanced query: Graph wants ConsistencyLevel eventual and $count.
      const filter = encodeURIComponent(`accountEnabled eq true and (${startsWith})`);
      const page = await graph.get<{ value: GraphUser[] }>(
        `/users?$filter=${filter}&$select=${USER_FIELDS}&$top=${top}&$count=true`,
        { headers: { ConsistencyLevel: 'eventual' } },
      );
      return page.value.filter((user) => user.accountEnabled !== false).map(toPerson);
    },
  };
}
