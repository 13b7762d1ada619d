import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { DevTenantContext } from '../context.js';
import { formerManagerOf, removedReason, sortedUsers, userChangeSince } from '../directory.js';
import type { DirectoryUser, TenantState } from '../state.js';
import { GraphRequestError } from './odata/errors.js';
import { decodeToken, encodeToken, readListQuery } from './odata/query.js';
import { READ_USERS, requirePermission } from './permissions.js';
import { checkUserSelect, renderUser } from './users/user-fields.js';

/**
 * State of a delta round, carried whole in the $skiptoken / $deltatoken (nothing kept on the server, so a client
 * can resume from any stored link). `since` = the directory version the round reports changes after (null = full sync),
 * `upTo` = the version when the round began (the next round's `since`), `after` = the last id returned.
 */
interface DeltaState {
  since: number | null;
  upTo: number;
  after: string | null;
  select: string[] | null;
  manager: boolean;
}

const isDeltaState = (v: unknown): v is DeltaState =>
  typeof v === 'object' && v !== null && 'upTo' in v && typeof (v as DeltaState).upTo === 'number';

const DEFAULT_PAGE = 100;

/** Index of the first user whose id sorts after `id` (binary search over the id-ordered list). */
function firstAfter(users: readonly DirectoryUser[], id: string): number {
  let lo = 0;
  let hi = users.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (users[mid]!.id <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const MAX_PAGE = 999;

function pageSize(request: FastifyRequest, top: number | null): number {
  const prefer = String(request.headers.prefer ?? '');
  const match = /odata\.maxpagesize=(\d+)/i.exec(prefer);
  const asked = match ? Number(match[1]) : top;
  return Math.min(Math.max(asked ?? DEFAULT_PAGE, 1), MAX_PAGE);
}

function managerDelta(state: TenantState, user: DirectoryUser, changed: boolean): Record<string, unknown> {
  if (user.managerId) return { 'manager@delta': [{ '@odata.type': '#microsoft.graph.user', id: user.managerId }] };
  const former = changed ? formerManagerOf(state, user.id) : null;
  return former ? { 'manager@delta': [{ '@odata.type': '#microsoft.graph.user', id: former, '@removed': { reason: 'deleted' } }] } : {};
}

/**
 * GET /users/delta (https://learn.microsoft.com/graph/api/user-delta, https://learn.microsoft.com/graph/delta-query-users):
 * a full round first, then only what changed: changed users with the changed selected properties, removed users as
 * { id, @removed: { reason } }. With $select only changes to selected properties are tracked, as the doc says.
 */
export const deltaRoutes: FastifyPluginAsync<{ ctx: DevTenantContext }> = async (app, { ctx }) => {
  const { state } = ctx;

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!requirePermission(request, reply, READ_USERS)) return reply;
    const q = readListQuery(request, MAX_PAGE);
    const query = request.query as Record<string, string | undefined>;
    const deltaToken = query.$deltatoken ?? query.deltatoken ?? query.$deltaToken;
    let round: DeltaState;
    if (q.skipToken) round = decodeToken(q.skipToken, isDeltaState);
    else if (deltaToken) {
      const previous = decodeToken(deltaToken, isDeltaState);
      round = { since: previous.upTo, upTo: state.directoryVersion, after: null, select: previous.select, manager: previous.manager };
    } else {
      const expandManager = q.expand.length > 0;
      if (expandManager && !(q.expand.length === 1 && q.expand[0]!.toLowerCase() === 'manager')) {
        throw new GraphRequestError(400, 'BadRequest', 'Only manager can be expanded on users/delta.');
      }
      const wantsManager = expandManager || (q.select ?? []).some((s) => s.toLowerCase() === 'manager');
      const select = q.select ? checkUserSelect(q.select.filter((s) => s.toLowerCase() !== 'manager'), false) : null;
      round = { since: null, upTo: state.directoryVersion, after: null, select, manager: wantsManager };
    }
    const select = round.select ?? checkUserSelect(null, false);
    const size = pageSize(request, q.top);
    const value: Record<string, unknown>[] = [];
    let last: string | null = null;
    let more: boolean;

    if (round.since === null) {
      const users = sortedUsers(state).byId;
      let i = round.after === null ? 0 : firstAfter(users, round.after);
      for (; i < users.length && value.length < size; i++) {
        const user = users[i]!;
        value.push({ ...renderUser(user, select), ...(round.manager ? managerDelta(state, user, false) : {}) });
        last = user.id;
      }
      more = i < users.length;
    } else {
      const since = round.since;
      const ids = [
        ...[...state.userChangedAt].filter(([, v]) => v > since).map(([id]) => id),
        ...[...state.deletedUsers].filter(([, v]) => v > since).map(([id]) => id),
      ].filter((id) => round.after === null || id > round.after).sort();
      let i = 0;
      for (; i < ids.length && value.length < size; i++) {
        const id = ids[i]!;
        last = id;
        const user = state.users.get(id);
        if (!user) {
          value.push({ id, '@removed': { reason: removedReason(state, id) } });
          continue;
        }
        const change = userChangeSince(state, id, since);
        if (change.createdSince || change.properties === null) {
          value.push({ ...renderUser(user, select), ...(round.manager ? managerDelta(state, user, true) : {}) });
          continue;
        }
        const props = select.filter((p) => change.properties!.has(p));
        const managerChanged = round.manager && change.properties.has('manager');
        if (!props.length && !managerChanged) continue;
        value.push({ ...renderUser(user, props), ...(managerChanged ? managerDelta(state, user, true) : {}) });
      }
      more = i < ids.length;
    }

    const base = ctx.baseUrl(request);
    const context = round.select ? `users(${round.select.join(',')})` : 'users';
    const body: Record<string, unknown> = { '@odata.context': `${base}/v1.0/$metadata#${context}` };
    if (more) body['@odata.nextLink'] = `${base}/v1.0/users/delta?$skiptoken=${encodeToken({ ...round, after: last })}`;
    else body['@odata.deltaLink'] = `${base}/v1.0/users/delta?$deltatoken=${encodeToken({ ...round, since: null, after: null })}`;
    body.value = value;
    if (request.headers.prefer && /odata\.maxpagesize/i.test(String(request.headers.prefer))) reply.header('preference-applied', `odata.maxpagesize=${size}`);
    return body;
  };

  app.get('/users/delta', handler);
  app.get('/users/microsoft.graph.delta()', handler);
};
