import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendGraphError } from '../graph-http.js';
import type { DirectoryGroup, DirectoryUser, TenantState } from '../state.js';
import { findUser } from '../state.js';
import { tokenMatch } from './odata/collection.js';
import type { FilterField, FilterOperator } from './odata/filter.js';
import { GraphRequestError, unknownProperty } from './odata/errors.js';
import { renderUser, DEFAULT_USER_PROPERTIES } from './users/user-fields.js';

/** A user or a group, as directoryObject collections (members, memberOf) hold them. */
export type DirectoryObject = { type: 'user'; user: DirectoryUser } | { type: 'group'; group: DirectoryGroup };

export const GROUP_PROPERTIES = ['id', 'displayName', 'description', 'mailNickname', 'mail', 'securityEnabled', 'mailEnabled', 'groupTypes'];

export function renderGroup(group: DirectoryGroup, select: string[] | null): Record<string, unknown> {
  const all: Record<string, unknown> = {
    id: group.id, description: group.description, displayName: group.displayName, groupTypes: [...group.groupTypes],
    mail: group.mail, mailEnabled: group.mailEnabled, mailNickname: group.mailNickname, securityEnabled: group.securityEnabled,
  };
  if (!select) return all;
  const out: Record<string, unknown> = {};
  for (const key of select) if (key in all) out[key] = all[key];
  if (!('id' in out)) out.id = group.id;
  return out;
}

export function objectId(o: DirectoryObject): string {
  return o.type === 'user' ? o.user.id : o.group.id;
}

/** Renders with the @odata.type annotation Graph puts on directoryObject collections. */
export function renderObject(o: DirectoryObject, select: string[] | null): Record<string, unknown> {
  if (o.type === 'user') return { '@odata.type': '#microsoft.graph.user', ...renderUser(o.user, userSelectFor(select)) };
  return { '@odata.type': '#microsoft.graph.group', ...renderGroup(o.group, select ? select.filter((k) => GROUP_PROPERTIES.includes(k)) : null) };
}

function userSelectFor(select: string[] | null): string[] {
  return select ? select.filter((k) => k !== 'description' && k !== 'groupTypes' && k !== 'mailEnabled' && k !== 'securityEnabled') : DEFAULT_USER_PROPERTIES;
}

/** Checks $select on a mixed collection: a name must exist on users or groups. */
export function checkObjectSelect(select: string[] | null, userProps: string[]): string[] | null {
  if (!select) return null;
  const known = new Map([...userProps, ...GROUP_PROPERTIES].map((k) => [k.toLowerCase(), k]));
  return select.map((name) => {
    const key = known.get(name.toLowerCase());
    if (!key) throw unknownProperty(name, 'directoryObject');
    return key;
  });
}

const STRING_OPS: FilterOperator[] = ['eq', 'ne', 'ge', 'le', 'in', 'startsWith', 'null'];
const objectText = (user: (u: DirectoryUser) => string | null, group: (g: DirectoryGroup) => string | null): FilterField<DirectoryObject> => ({
  get: (o) => (o.type === 'user' ? user(o.user) : group(o.group)), type: 'string', operators: STRING_OPS,
});

export const OBJECT_FILTER_FIELDS: Record<string, FilterField<DirectoryObject>> = {
  id: { get: (o) => objectId(o), type: 'string', operators: ['eq', 'ne', 'in'] },
  displayName: objectText((u) => u.displayName, (g) => g.displayName),
  mail: { ...objectText((u) => u.mail, (g) => g.mail), operators: [...STRING_OPS, 'endsWith'] },
  mailNickname: objectText((u) => u.userPrincipalName.split('@')[0] ?? null, (g) => g.mailNickname),
  userPrincipalName: { ...objectText((u) => u.userPrincipalName, () => null), operators: [...STRING_OPS, 'endsWith'] },
  department: objectText((u) => u.department, () => null),
  jobTitle: objectText((u) => u.jobTitle, () => null),
  officeLocation: objectText((u) => u.officeLocation, () => null),
  accountEnabled: { get: (o) => (o.type === 'user' ? o.user.accountEnabled : null), type: 'boolean', operators: ['eq', 'ne', 'in'] },
  securityEnabled: { get: (o) => (o.type === 'group' ? o.group.securityEnabled : null), type: 'boolean', operators: ['eq', 'ne', 'in'] },
  mailEnabled: { get: (o) => (o.type === 'group' ? o.group.mailEnabled : null), type: 'boolean', operators: ['eq', 'ne', 'in'] },
};

export function searchObject(o: DirectoryObject, property: string, term: string): boolean {
  const p = property.toLowerCase();
  if (o.type === 'group') return (p === 'displayname' && tokenMatch(o.group.displayName, term)) || (p === 'description' && tokenMatch(o.group.description, term)) || (p === 'mail' && tokenMatch(o.group.mail, term));
  const value = p === 'displayname' ? o.user.displayName : p === 'mail' ? o.user.mail : p === 'userprincipalname' ? o.user.userPrincipalName : p === 'givenname' ? o.user.givenName : p === 'surname' ? o.user.surname : null;
  return tokenMatch(value, term);
}

/** Type-cast segments of directoryObject collections (/microsoft.graph.user, /microsoft.graph.group). */
export function castFilter(cast: string | undefined): ((o: DirectoryObject) => boolean) | undefined {
  if (!cast) return undefined;
  if (cast === 'microsoft.graph.user') return (o) => o.type === 'user';
  if (cast === 'microsoft.graph.group') return (o) => o.type === 'group';
  throw new GraphRequestError(400, 'BadRequest', `Resource not found for the segment '${cast}'.`);
}

/** The user named in the path, or a 404 in Graph's wording. */
export function userOr404(state: TenantState, idOrUpn: string, request: FastifyRequest, reply: FastifyReply): DirectoryUser | null {
  const user = findUser(state, idOrUpn);
  if (!user) {
    sendGraphError(request, reply, 404, 'Request_ResourceNotFound', `Resource '${idOrUpn}' does not exist or one of its queried reference-property objects are not present.`);
    return null;
  }
  return user;
}

export const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
