import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { DevTenantContext } from '../../context.js';
import { directReports, sortedUsers, transitiveGroupsOf, groupsOf } from '../../directory.js';
import { sendGraphError } from '../../graph-http.js';
import type { DirectoryUser } from '../../state.js';
import { byId, castFilter, checkObjectSelect, OBJECT_FILTER_FIELDS, objectId, renderObject, searchObject, userOr404, type DirectoryObject } from '../directory-objects.js';
import { countOf, respondCollection, tokenMatch, type CollectionSpec } from '../odata/collection.js';
import { GraphRequestError } from '../odata/errors.js';
import { readListQuery, type ListQuery } from '../odata/query.js';
import { READ_MAILBOX_SETTINGS, READ_MEMBERSHIP, READ_USERS, requirePermission } from '../permissions.js';
import { readManagerExpansion, withManager } from './expand.js';
import { checkUserSelect, DEFAULT_USER_PROPERTIES, mailboxSettingsOf, renderUser, USER_FILTER_FIELDS } from './user-fields.js';

type IdParams = { Params: { id: string } };
type CastParams = { Params: { id: string; cast?: string } };

const nameKey = (u: DirectoryUser): string => `${u.displayName}\u0000${u.id}`;

function searchUser(u: DirectoryUser, property: string, term: string): boolean {
  return searchObject({ type: 'user', user: u }, property, term) || (property.toLowerCase() === 'department' && tokenMatch(u.department, term));
}

/** Which ordering a user list uses; $orderby=displayName with $filter is an advanced query in Graph. */
function userOrder(q: ListQuery): 'id' | 'name' {
  if (!q.orderBy) return 'id';
  if (!/^displayName(\s+asc)?$/i.test(q.orderBy.trim())) {
    throw new GraphRequestError(400, 'Request_UnsupportedQuery', `Sorting not supported for current query. Supported: $orderby=displayName.`);
  }
  if (q.filter && !q.advanced) throw new GraphRequestError(400, 'Request_UnsupportedQuery', 'Sorting not supported for current query.');
  return 'name';
}

/** Users, manager, direct reports, memberships and mailbox settings (https://learn.microsoft.com/graph/api/resources/user). */
export const userRoutes: FastifyPluginAsync<{ ctx: DevTenantContext }> = async (app, { ctx }) => {
  const { state } = ctx;

  const userSpec = (q: ListQuery, items: readonly DirectoryUser[], order: 'id' | 'name', context: string, single = false): CollectionSpec<DirectoryUser> => {
    const select = checkUserSelect(q.select, single);
    const expansion = readManagerExpansion(q.expand);
    return {
      items, keyOf: order === 'name' ? nameKey : (u) => u.id, filterFields: USER_FILTER_FIELDS, resource: 'User', search: searchUser,
      render: (u) => withManager(state, u, renderUser(u, select), expansion),
      context: q.select ? `${context}(${select.join(',')})` : context,
    };
  };

  // https://learn.microsoft.com/graph/api/user-list
  app.get('/users', async (request, reply) => {
    if (!requirePermission(request, reply, READ_USERS)) return reply;
    const q = readListQuery(request);
    const order = userOrder(q);
    const sorted = sortedUsers(state);
    return respondCollection(request, ctx.baseUrl(request), q, userSpec(q, order === 'name' ? sorted.byName : sorted.byId, order, 'users'));
  });

  // https://learn.microsoft.com/graph/api/user-list#example-3-get-only-a-count-of-users
  app.get('/users/$count', async (request, reply) => {
    if (!requirePermission(request, reply, READ_USERS)) return reply;
    const q = readListQuery(request);
    return reply.type('text/plain').send(countOf(q, userSpec({ ...q, select: null }, sortedUsers(state).byId, 'id', 'users')));
  });

  // https://learn.microsoft.com/graph/api/user-get
  app.get<IdParams>('/users/:id', async (request, reply) => {
    const user = userOr404(state, request.params.id, request, reply);
    if (!user || !requirePermission(request, reply, READ_USERS, user.id)) return reply;
    const q = readListQuery(request);
    const select = checkUserSelect(q.select, true);
    const context = q.select ? `users(${select.join(',')})/$entity` : 'users/$entity';
    return { '@odata.context': `${ctx.baseUrl(request)}/v1.0/$metadata#${context}`, ...withManager(state, user, renderUser(user, select), readManagerExpansion(q.expand)) };
  });

  // https://learn.microsoft.com/graph/api/user-list-manager
  app.get<IdParams>('/users/:id/manager', async (request, reply) => {
    const user = userOr404(state, request.params.id, request, reply);
    if (!user || !requirePermission(request, reply, READ_USERS, user.id)) return reply;
    const manager = user.managerId ? state.users.get(user.managerId) : undefined;
    if (!manager) return sendGraphError(request, reply, 404, 'Request_ResourceNotFound', "Resource 'manager' does not exist or one of its queried reference-property objects are not present.");
    const q = readListQuery(request);
    const select = checkUserSelect(q.select, false);
    return { '@odata.context': `${ctx.baseUrl(request)}/v1.0/$metadata#directoryObjects/$entity`, '@odata.type': '#microsoft.graph.user', ...renderUser(manager, select) };
  });

  // https://learn.microsoft.com/graph/api/user-list-directreports
  app.get<IdParams>('/users/:id/directReports', async (request, reply) => {
    const user = userOr404(state, request.params.id, request, reply);
    if (!user || !requirePermission(request, reply, READ_USERS, user.id)) return reply;
    const q = readListQuery(request);
    const spec = userSpec(q, directReports(state, user.id).sort(byId), 'id', 'directoryObjects');
    return respondCollection(request, ctx.baseUrl(request), q, { ...spec, render: (u) => ({ '@odata.type': '#microsoft.graph.user', ...spec.render(u) }) });
  });

  const membership = (transitive: boolean) => async (request: FastifyRequest<CastParams>, reply: FastifyReply) => {
    const user = userOr404(state, request.params.id, request, reply);
    if (!user || !requirePermission(request, reply, READ_MEMBERSHIP, user.id)) return reply;
    const q = readListQuery(request);
    const groups = (transitive ? transitiveGroupsOf(state, user.id) : groupsOf(state, user.id)).sort(byId);
    const items: DirectoryObject[] = groups.map((group) => ({ type: 'group', group }));
    const select = checkObjectSelect(q.select, [...DEFAULT_USER_PROPERTIES]);
    const cast = request.params.cast;
    return respondCollection(request, ctx.baseUrl(request), q, {
      items, keyOf: objectId, filterFields: OBJECT_FILTER_FIELDS, resource: 'Group', search: searchObject,
      where: castFilter(cast), render: (o) => renderObject(o, select),
      context: cast === 'microsoft.graph.group' ? 'groups' : 'directoryObjects',
    });
  };
  // https://learn.microsoft.com/graph/api/user-list-memberof and user-list-transitivememberof
  app.get<CastParams>('/users/:id/memberOf', membership(false));
  app.get<CastParams>('/users/:id/memberOf/:cast', membership(false));
  app.get<CastParams>('/users/:id/transitiveMemberOf', membership(true));
  app.get<CastParams>('/users/:id/transitiveMemberOf/:cast', membership(true));

  // https://learn.microsoft.com/graph/api/directoryobject-checkmembergroups
  app.post<IdParams & { Body: { groupIds?: unknown } }>('/users/:id/checkMemberGroups', async (request, reply) => {
    const user = userOr404(state, request.params.id, request, reply);
    if (!user || !requirePermission(request, reply, READ_MEMBERSHIP, user.id)) return reply;
    const groupIds = request.body?.groupIds;
    if (!Array.isArray(groupIds) || groupIds.some((g) => typeof g !== 'string')) {
      return sendGraphError(request, reply, 400, 'Request_BadRequest', "The request body must contain 'groupIds', a collection of group ids.");
    }
    if (groupIds.length > 20) return sendGraphError(request, reply, 400, 'Request_BadRequest', 'The number of group ids must not exceed 20.');
    const member = new Set(transitiveGroupsOf(state, user.id).map((g) => g.id));
    return { '@odata.context': `${ctx.baseUrl(request)}/v1.0/$metadata#Collection(Edm.String)`, value: (groupIds as string[]).filter((id) => member.has(id)) };
  });

  // https://learn.microsoft.com/graph/api/user-get-mailboxsettings
  app.get<IdParams>('/users/:id/mailboxSettings', async (request, reply) => {
    const user = userOr404(state, request.params.id, request, reply);
    if (!user || !requirePermission(request, reply, READ_MAILBOX_SETTINGS, user.id, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.')) return reply;
    return { '@odata.context': `${ctx.baseUrl(request)}/v1.0/$metadata#users('${user.id}')/mailboxSettings`, ...mailboxSettingsOf(user) };
  });
  app.get<IdParams & { Params: { setting: string } }>('/users/:id/mailboxSettings/:setting', async (request, reply) => {
    const user = userOr404(state, request.params.id, request, reply);
    if (!user || !requirePermission(request, reply, READ_MAILBOX_SETTINGS, user.id, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.')) return reply;
    const settings = mailboxSettingsOf(user);
    const key = Object.keys(settings).find((k) => k.toLowerCase() === request.params.setting.toLowerCase());
    if (!key) return sendGraphError(request, reply, 400, 'BadRequest', `Resource not found for the segment '${request.params.setting}'.`);
    const value = settings[key];
    const context = `${ctx.baseUrl(request)}/v1.0/$metadata#users('${user.id}')/mailboxSettings/${key}`;
    return typeof value === 'object' && value !== null ? { '@odata.context': context, ...value } : { '@odata.context': context, value };
  });
};
