import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { DevTenantContext } from '../context.js';
import { DEV_API_SCOPE, DEV_DELEGATED_PERMISSIONS, GRAPH_APP_ID, GRAPH_RESOURCE } from '../defaults.js';
import { addGroupMember, createUser, deleteUser, removeGroupMember, updateUser } from '../directory.js';
import { apiUserToken, graphUserToken, tokenResponse, type Issuer } from '../entra/issue-tokens.js';
import type { FaultSettings } from '../graph/faults.js';
import { devPersonas } from '../seed/personas.js';
import { findUser, type DirectoryUser } from '../state.js';
import { readUserCreate, readUserPatch } from './user-input.js';

const problem = (reply: FastifyReply, statusCode: number, code: string, message: string) => reply.code(statusCode).send({ statusCode, code, message });

function readFaults(body: unknown): Partial<FaultSettings> | string {
  if (typeof body !== 'object' || body === null) return 'body must be a JSON object';
  const b = body as Record<string, unknown>;
  const out: Partial<FaultSettings> = {};
  for (const key of ['throttleRate', 'unavailableRate'] as const) {
    if (b[key] === undefined) continue;
    if (typeof b[key] !== 'number' || b[key] < 0 || b[key] > 1) return `${key} must be a number between 0 and 1`;
    out[key] = b[key];
  }
  for (const key of ['delayMs', 'retryAfterSeconds', 'seed'] as const) {
    if (b[key] === undefined) continue;
    if (typeof b[key] !== 'number' || b[key] < 0) return `${key} must be a non-negative number`;
    out[key] = b[key];
  }
  if ((out.throttleRate ?? 0) + (out.unavailableRate ?? 0) > 1) return 'throttleRate + unavailableRate must not exceed 1';
  if (b.spread !== undefined) {
    if (b.spread !== 'random' && b.spread !== 'even') return "spread must be 'random' or 'even'";
    out.spread = b.spread;
  }
  if (b.pathPattern !== undefined && b.pathPattern !== null) {
    if (typeof b.pathPattern !== 'string') return 'pathPattern must be a string';
    try {
      new RegExp(b.pathPattern);
    } catch {
      return `pathPattern is not a valid regular expression: ${b.pathPattern}`;
    }
    out.pathPattern = b.pathPattern;
  }
  return out;
}

/**
 * Test and script controls under /_dev (never part of Microsoft's surface): user tokens without a browser,
 * fault injection and request stats for Graph, directory changes for sync tests, and what the tenant holds.
 */
export const devRoutes: FastifyPluginAsync<{ ctx: DevTenantContext }> = async (app, { ctx }) => {
  const { state } = ctx;

  app.post<{ Body: { user?: unknown; scopes?: unknown; audience?: unknown } }>('/token', async (request, reply) => {
    const body = request.body ?? {};
    const user = typeof body.user === 'string' ? findUser(state, body.user) : undefined;
    if (!user) return problem(reply, 404, 'DEV_TENANT_UNKNOWN_USER', `No user '${String(body.user)}' in the directory (give an id or a userPrincipalName).`);
    if (body.scopes !== undefined && (!Array.isArray(body.scopes) || body.scopes.some((s) => typeof s !== 'string'))) {
      return problem(reply, 400, 'DEV_TENANT_BAD_SCOPES', 'scopes must be an array of strings.');
    }
    if (body.audience !== undefined && typeof body.audience !== 'string') return problem(reply, 400, 'DEV_TENANT_BAD_AUDIENCE', 'audience must be a string.');
    const issuer: Issuer = { tokens: ctx.tokens, tenantId: ctx.tenantId, baseUrl: ctx.baseUrl(request) };
    const audience = body.audience as string | undefined;
    if (audience === GRAPH_RESOURCE || audience === GRAPH_APP_ID) {
      const scopes = (body.scopes as string[] | undefined) ?? DEV_DELEGATED_PERMISSIONS;
      return tokenResponse(await graphUserToken(issuer, user, ctx.campusApp.clientId, scopes, true), scopes);
    }
    const scopes = (body.scopes as string[] | undefined) ?? [DEV_API_SCOPE];
    return tokenResponse(await apiUserToken(issuer, user, ctx.campusApp, scopes, ctx.campusApp.clientId, false, audience), scopes);
  });

  app.get('/faults', async () => ctx.faults.settings);
  app.put('/faults', async (request, reply) => {
    const settings = readFaults(request.body);
    if (typeof settings === 'string') return problem(reply, 400, 'DEV_TENANT_BAD_FAULTS', settings);
    return ctx.faults.configure(settings);
  });
  app.delete('/faults', async (_request, reply) => {
    ctx.faults.clear();
    return reply.code(204).send();
  });

  app.get('/stats', async () => ctx.stats.snapshot());
  app.post('/stats/reset', async (_request, reply) => {
    ctx.stats.reset();
    return reply.code(204).send();
  });

  app.get('/tenant', async () => ({
    tenantId: ctx.tenantId, domain: state.domain, userCount: state.users.size, groupCount: state.groups.size,
    directoryVersion: state.directoryVersion, clientId: ctx.campusApp.clientId, identifierUri: ctx.campusApp.identifierUri,
    personas: devPersonas.map((p) => ({ id: p.id, userPrincipalName: p.userPrincipalName, displayName: p.displayName, role: p.role, department: p.department })),
  }));

  app.post('/users', async (request, reply) => {
    const input = readUserCreate(state, request.body);
    if (typeof input === 'string') return problem(reply, 400, 'DEV_TENANT_BAD_USER', input);
    return reply.code(201).send(createUser(state, input));
  });
  app.patch<{ Params: { id: string } }>('/users/:id', async (request, reply) => {
    const user = findUser(state, request.params.id);
    if (!user) return problem(reply, 404, 'DEV_TENANT_UNKNOWN_USER', `No user '${request.params.id}'.`);
    const patch = readUserPatch(state, user, request.body);
    if (typeof patch === 'string') return problem(reply, 400, 'DEV_TENANT_BAD_USER', patch);
    const changed = updateUser(state, user.id, patch);
    return { user: state.users.get(user.id) as DirectoryUser, changed, directoryVersion: state.directoryVersion };
  });
  app.delete<{ Params: { id: string }; Querystring: { permanent?: string } }>('/users/:id', async (request, reply) => {
    const user = findUser(state, request.params.id);
    if (!user) return problem(reply, 404, 'DEV_TENANT_UNKNOWN_USER', `No user '${request.params.id}'.`);
    deleteUser(state, user.id, request.query.permanent === 'true');
    return reply.code(204).send();
  });

  const membership = (add: boolean) => async (request: FastifyRequest<{ Params: { id: string; memberId: string } }>, reply: FastifyReply) => {
    const group = state.groups.get(request.params.id);
    if (!group) return problem(reply, 404, 'DEV_TENANT_UNKNOWN_GROUP', `No group '${request.params.id}'.`);
    const memberId = findUser(state, request.params.memberId)?.id ?? (state.groups.has(request.params.memberId) ? request.params.memberId : null);
    if (!memberId) return problem(reply, 404, 'DEV_TENANT_UNKNOWN_MEMBER', `No user or group '${request.params.memberId}'.`);
    if (memberId === group.id) return problem(reply, 400, 'DEV_TENANT_BAD_MEMBER', 'A group cannot be a member of itself.');
    const changed = add ? addGroupMember(state, group.id, memberId) : removeGroupMember(state, group.id, memberId);
    return { changed, memberIds: group.memberIds.length };
  };
  app.post('/groups/:id/members/:memberId', membership(true));
  app.delete('/groups/:id/members/:memberId', membership(false));
};
