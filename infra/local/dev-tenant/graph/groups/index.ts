import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { DevTenantContext } from '../../context.js';
import { groupsOf, transitiveGroupsOf, transitiveMembers } from '../../directory.js';
import { sendGraphError } from '../../graph-http.js';
import type { DirectoryGroup } from '../../state.js';
import {
  byId,
  castFilter,
  checkObjectSelect,
  GROUP_PROPERTIES,
  OBJECT_FILTER_FIELDS,
  objectId,
  renderGroup,
  renderObject,
  searchObject,
  type DirectoryObject,
} from '../directory-objects.js';
import { countOf, respondCollection, type CollectionSpec } from '../odata/collection.js';
import { GraphRequestError, unknownProperty } from '../odata/errors.js';
import { readListQuery, type ListQuery } from '../odata/query.js';
import { READ_GROUPS, requirePermission } from '../permissions.js';
import { DEFAULT_USER_PROPERTIES } from '../users/user-fields.js';

type Params = { Params: { id: string; cast?: string } };

const nameKey = (o: DirectoryObject): string =>
  `${o.type === 'group' ? o.group.displayName : ''}\u0000${objectId(o)}`;

/**
 * Which ordering a group list uses. Graph sorts groups by displayName only as an advanced query
 * (ConsistencyLevel: eventual and $count=true, https://learn.microsoft.com/graph/aad-advanced-queries).
 */
function groupOrder(q: ListQuery): 'id' | 'name' {
  if (!q.orderBy) return 'id';
  if (!/^displayName(\s+asc)?$/i.test(q.orderBy.trim()) || !q.advanced) {
    throw new GraphRequestError(400, 'Request_UnsupportedQuery', 'Sorting not supported for current query.');
  }
  return 'name';
}

function checkGroupSelect(select: string[] | null): string[] | null {
  if (!select) return null;
  return select.map((name) => {
    const key = GROUP_PROPERTIES.find((k) => k.toLowerCase() === name.toLowerCase());
    if (!key) throw unknownProperty(name, 'group');
    return key;
  });
}

/** Groups and their members (https://learn.microsoft.com/graph/api/resources/group). */
export const groupRoutes: FastifyPluginAsync<{ ctx: DevTenantContext }> = async (app, { ctx }) => {
  const { state } = ctx;
  const sortedGroups = (): DirectoryGroup[] => [...state.groups.values()].sort(byId);

  const groupOr404 = (id: string, request: FastifyRequest, reply: FastifyReply): DirectoryGroup | null => {
    const group = state.groups.get(id);
    if (!group)
      sendGraphError(
        request,
        reply,
        404,
        'Request_ResourceNotFound',
        `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
      );
    return group ?? null;
  };

  const groupsSpec = (
    q: ListQuery,
    groups: DirectoryGroup[],
    order: 'id' | 'name' = 'id',
  ): CollectionSpec<DirectoryObject> => {
    const select = checkGroupSelect(q.select);
    const items = groups.map((group): DirectoryObject => ({ type: 'group', group }));
    return {
      items: order === 'name' ? items.sort((a, b) => (nameKey(a) < nameKey(b) ? -1 : 1)) : items,
      keyOf: order === 'name' ? nameKey : objectId,
      filterFields: OBJECT_FILTER_FIELDS,
      resource: 'Group',
      search: searchObject,
      render: (o) => (o.type === 'group' ? renderGroup(o.group, select) : {}),
      context: select ? `groups(${select.join(',')})` : 'groups',
    };
  };

  const objectsSpec = (
    q: ListQuery,
    items: DirectoryObject[],
    cast: string | undefined,
  ): CollectionSpec<DirectoryObject> => {
    const select = checkObjectSelect(q.select, [
      ...DEFAULT_USER_PROPERTIES,
      'department',
      'accountEnabled',
      'city',
      'country',
      'usageLocation',
      'employeeType',
    ]);
    const context =
      cast === 'microsoft.graph.user'
        ? 'users'
        : cast === 'microsoft.graph.group'
          ? 'groups'
          : 'directoryObjects';
    return {
      items: items.sort((a, b) => (objectId(a) < objectId(b) ? -1 : 1)),
      keyOf: objectId,
      filterFields: OBJECT_FILTER_FIELDS,
      resource: 'DirectoryObject',
      search: searchObject,
      where: castFilter(cast),
      render: (o) => renderObject(o, select),
      context: select ? `${context}(${select.join(',')})` : context,
    };
  };

  const directMembers = (group: DirectoryGroup): DirectoryObject[] =>
    group.memberIds.flatMap((id): DirectoryObject[] => {
      const user = state.users.get(id);
      if (user) return [{ type: 'user', user }];
      const nested = state.groups.get(id);
      return nested ? [{ type: 'group', group: nested }] : [];
    });

  const allMembers = (group: DirectoryGroup): DirectoryObject[] => {
    const { users, groups } = transitiveMembers(state, group.id);
    return [
      ...users.map((user): DirectoryObject => ({ type: 'user', user })),
      ...groups.map((g): DirectoryObject => ({ type: 'group', group: g })),
    ];
  };

  // https://learn.microsoft.com/graph/api/group-list
  app.get('/groups', async (request, reply) => {
    if (!requirePermission(request, reply, READ_GROUPS)) return reply;
    const q = readListQuery(request);
    return respondCollection(request, ctx.baseUrl(request), q, groupsSpec(q, sortedGroups(), groupOrder(q)));
  });
  app.get('/groups/$count', async (request, reply) => {
    if (!requirePermission(request, reply, READ_GROUPS)) return reply;
    return reply
      .type('text/plain')
      .send(
        countOf(
          readListQuery(request),
          groupsSpec({ ...readListQuery(request), select: null }, sortedGroups()),
        ),
      );
  });

  // https://learn.microsoft.com/graph/api/group-get
  app.get<Params>('/groups/:id', async (request, reply) => {
    const group = groupOr404(request.params.id, request, reply);
    if (!group || !requirePermission(request, reply, READ_GROUPS)) return reply;
    const select = checkGroupSelect(readListQuery(request).select);
    return {
      '@odata.context': `${ctx.baseUrl(request)}/v1.0/$metadata#groups/$entity`,
      ...renderGroup(group, select),
    };
  });

  const members = (transitive: boolean) => async (request: FastifyRequest<Params>, reply: FastifyReply) => {
    const group = groupOr404(request.params.id, request, reply);
    if (!group || !requirePermission(request, reply, READ_GROUPS)) return reply;
    const q = readListQuery(request);
    return respondCollection(
      request,
      ctx.baseUrl(request),
      q,
      objectsSpec(q, transitive ? allMembers(group) : directMembers(group), request.params.cast),
    );
  };
  const memberCount =
    (transitive: boolean) => async (request: FastifyRequest<Params>, reply: FastifyReply) => {
      const group = groupOr404(request.params.id, request, reply);
      if (!group || !requirePermission(request, reply, READ_GROUPS)) return reply;
      const q = readListQuery(request);
      const items = transitive ? allMembers(group) : directMembers(group);
      return reply
        .type('text/plain')
        .send(countOf(q, objectsSpec({ ...q, select: null }, items, request.params.cast)));
    };
  // https://learn.microsoft.com/graph/api/group-list-members and group-list-transitivemembers
  app.get<Params>('/groups/:id/members', members(false));
  app.get<Params>('/groups/:id/members/$count', memberCount(false));
  app.get<Params>('/groups/:id/members/:cast', members(false));
  app.get<Params>('/groups/:id/members/:cast/$count', memberCount(false));
  app.get<Params>('/groups/:id/transitiveMembers', members(true));
  app.get<Params>('/groups/:id/transitiveMembers/$count', memberCount(true));
  app.get<Params>('/groups/:id/transitiveMembers/:cast', members(true));
  app.get<Params>('/groups/:id/transitiveMembers/:cast/$count', memberCount(true));

  // https://learn.microsoft.com/graph/api/group-list-memberof and group-list-transitivememberof
  const memberOf = (transitive: boolean) => async (request: FastifyRequest<Params>, reply: FastifyReply) => {
    const group = groupOr404(request.params.id, request, reply);
    if (!group || !requirePermission(request, reply, READ_GROUPS)) return reply;
    const q = readListQuery(request);
    const parents = (transitive ? transitiveGroupsOf(state, group.id) : groupsOf(state, group.id)).map(
      (g): DirectoryObject => ({ type: 'group', group: g }),
    );
    return respondCollection(request, ctx.baseUrl(request), q, objectsSpec(q, parents, request.params.cast));
  };
  app.get<Params>('/groups/:id/memberOf', memberOf(false));
  app.get<Params>('/groups/:id/memberOf/:cast', memberOf(false));
  app.get<Params>('/groups/:id/transitiveMemberOf', memberOf(true));
  app.get<Params>('/groups/:id/transitiveMemberOf/:cast', memberOf(true));
};
