import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isAllowedRedirectUri } from '../app-registration.js';
import type { DevTenantContext } from '../context.js';
import { devPersonas } from '../seed/personas.js';
import { findUser, type DirectoryUser } from '../state.js';
import type { AuthorizationCodeStore } from './authorization-codes.js';
import { isScopeError, resolveScopes } from './scopes.js';
import { renderErrorPage, renderFormPost, renderSignInPage, type SignInPerson } from './sign-in-page.js';
import { checkTenant } from './tenant-path.js';

type AuthorizeParams = Record<string, string | undefined>;

const FORWARDED = ['client_id', 'redirect_uri', 'response_type', 'response_mode', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'login_hint', 'prompt', 'domain_hint'];

function toPerson(user: DirectoryUser, role?: string): SignInPerson {
  return { id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName, jobTitle: user.jobTitle, department: user.department, ...(role ? { role } : {}) };
}

/**
 * The authorization endpoint of the code flow with PKCE
 * (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code).
 * There are no passwords in the dev tenant: a page lets the developer pick who signs in.
 */
export const authorizeRoutes: FastifyPluginAsync<{ ctx: DevTenantContext; codes: AuthorizationCodeStore }> = async (app, { ctx, codes }) => {
  const page = (reply: FastifyReply, status: number, html: string) => reply.code(status).type('text/html; charset=utf-8').send(html);

  /** Validates what must be valid before Entra may redirect back; answers the error page otherwise. */
  function precheck(params: AuthorizeParams, reply: FastifyReply): string | null {
    if (params.client_id !== ctx.campusApp.clientId) {
      page(reply, 400, renderErrorPage(700016, `Application with identifier '${params.client_id ?? ''}' was not found in the directory '${ctx.state.domain}'.`));
      return null;
    }
    if (!params.redirect_uri || !isAllowedRedirectUri(ctx.campusApp, params.redirect_uri)) {
      page(reply, 400, renderErrorPage(50011, `The redirect URI '${params.redirect_uri ?? ''}' specified in the request does not match the redirect URIs configured for the application '${ctx.campusApp.clientId}'.`));
      return null;
    }
    return params.redirect_uri;
  }

  function respond(reply: FastifyReply, params: AuthorizeParams, redirectUri: string, fields: Record<string, string>): FastifyReply {
    const all = { ...fields, ...(params.state !== undefined ? { state: params.state } : {}) };
    const mode = params.response_mode ?? 'query';
    if (mode === 'form_post') return page(reply, 200, renderFormPost(redirectUri, all));
    const url = new URL(redirectUri);
    const encoded = new URLSearchParams(all).toString();
    if (mode === 'fragment') return reply.redirect(`${url.origin}${url.pathname}${url.search}#${encoded}`, 302);
    for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
    return reply.redirect(url.toString(), 302);
  }

  function protocolError(params: AuthorizeParams): Record<string, string> | null {
    if (params.response_type !== 'code') return { error: 'unsupported_response_type', error_description: `AADSTS700054: response_type '${params.response_type ?? ''}' is not enabled for the application.` };
    if (!params.scope) return { error: 'invalid_request', error_description: "AADSTS900144: The request body must contain the following parameter: 'scope'." };
    const scopes = resolveScopes(params.scope, ctx.campusApp, ctx.state.domain);
    if (isScopeError(scopes)) return { error: scopes.error, error_description: `AADSTS${scopes.aadsts}: ${scopes.message}` };
    const method = params.code_challenge_method;
    if (params.code_challenge && method && method !== 'S256' && method !== 'plain') {
      return { error: 'invalid_request', error_description: `AADSTS501491: Invalid size of Code_Challenge parameter or unsupported code_challenge_method '${method}'.` };
    }
    return null;
  }

  function signIn(reply: FastifyReply, params: AuthorizeParams, redirectUri: string, user: DirectoryUser): FastifyReply {
    if (!user.accountEnabled) return respond(reply, params, redirectUri, { error: 'access_denied', error_description: 'AADSTS50057: The user account is disabled.' });
    const code = codes.issue({
      clientId: params.client_id!, redirectUri, scope: params.scope!, userId: user.id,
      codeChallenge: params.code_challenge ?? null,
      codeChallengeMethod: params.code_challenge ? (params.code_challenge_method === 'S256' ? 'S256' : 'plain') : null,
      nonce: params.nonce ?? null,
    });
    return respond(reply, params, redirectUri, { code, client_info: Buffer.from(JSON.stringify({ uid: user.id, utid: ctx.tenantId })).toString('base64url'), session_state: user.id });
  }

  const start = async (request: FastifyRequest<{ Params: { tenant: string } }>, reply: FastifyReply, params: AuthorizeParams) => {
    if (!checkTenant(ctx, request.params.tenant, reply)) return reply;
    const redirectUri = precheck(params, reply);
    if (!redirectUri) return reply;
    const error = protocolError(params);
    if (error) return respond(reply, params, redirectUri, error);
    const hinted = params.login_hint ? findUser(ctx.state, params.login_hint) : undefined;
    if (hinted && params.prompt !== 'select_account' && params.prompt !== 'login') return signIn(reply, params, redirectUri, hinted);
    if (params.prompt === 'none') {
      return respond(reply, params, redirectUri, { error: 'login_required', error_description: 'AADSTS50058: A silent sign-in request was sent but no user is signed in.' });
    }
    const base = `${ctx.baseUrl(request)}/${request.params.tenant}`;
    const forwarded = Object.fromEntries(FORWARDED.filter((k) => params[k] !== undefined).map((k) => [k, params[k]!]));
    const personas = devPersonas.map((p) => ctx.state.users.get(p.id)).filter((u): u is DirectoryUser => !!u)
      .map((u) => toPerson(u, devPersonas.find((p) => p.id === u.id)?.role));
    return page(reply, 200, renderSignInPage({ action: `${base}/dev-sign-in`, peopleUrl: `${base}/dev-sign-in/people`, params: forwarded, personas, clientName: 'Campus' }));
  };

  // https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code
  app.get<{ Params: { tenant: string }; Querystring: AuthorizeParams }>('/:tenant/oauth2/v2.0/authorize', (request, reply) => start(request, reply, request.query));
  app.post<{ Params: { tenant: string }; Body: AuthorizeParams }>('/:tenant/oauth2/v2.0/authorize', (request, reply) => start(request, reply, request.body ?? {}));

  // Dev only: the account picker posts the chosen person with the original authorize parameters.
  app.post<{ Params: { tenant: string }; Body: AuthorizeParams }>('/:tenant/dev-sign-in', async (request, reply) => {
    if (!checkTenant(ctx, request.params.tenant, reply)) return reply;
    const params = request.body ?? {};
    const redirectUri = precheck(params, reply);
    if (!redirectUri) return reply;
    const error = protocolError(params);
    if (error) return respond(reply, params, redirectUri, error);
    const user = params.user ? findUser(ctx.state, params.user) : undefined;
    if (!user) return page(reply, 400, renderErrorPage(50034, `The user account ${params.user ?? ''} does not exist in the ${ctx.state.domain} directory.`));
    return signIn(reply, params, redirectUri, user);
  });

  // Dev only: directory search behind the account picker (personas first, then name/UPN/department prefix matches).
  app.get<{ Params: { tenant: string }; Querystring: { search?: string; top?: string } }>('/:tenant/dev-sign-in/people', async (request, reply) => {
    if (!checkTenant(ctx, request.params.tenant, reply)) return reply;
    const term = (request.query.search ?? '').trim().toLowerCase();
    const top = Math.min(Math.max(Number(request.query.top) || 20, 1), 100);
    const personaIds = new Set(devPersonas.map((p) => p.id));
    const matches = (u: DirectoryUser): boolean =>
      !term || u.displayName.toLowerCase().split(' ').some((w) => w.startsWith(term)) || u.displayName.toLowerCase().startsWith(term)
      || u.userPrincipalName.toLowerCase().startsWith(term) || (u.department ?? '').toLowerCase().startsWith(term) || (u.jobTitle ?? '').toLowerCase().includes(term);
    const value: SignInPerson[] = [];
    for (const id of personaIds) {
      const user = ctx.state.users.get(id);
      if (user && matches(user)) value.push(toPerson(user, devPersonas.find((p) => p.id === id)?.role));
    }
    for (const user of ctx.state.users.values()) {
      if (value.length >= top) break;
      if (!personaIds.has(user.id) && user.accountEnabled && matches(user)) value.push(toPerson(user));
    }
    return { value: value.slice(0, top) };
  });

  // https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc#send-a-sign-out-request
  app.get<{ Params: { tenant: string }; Querystring: { post_logout_redirect_uri?: string } }>('/:tenant/oauth2/v2.0/logout', async (request, reply) => {
    const target = request.query.post_logout_redirect_uri;
    if (target && isAllowedRedirectUri(ctx.campusApp, target)) return reply.redirect(target, 302);
    return page(reply, 200, '<!doctype html><html><body><p>You signed out of your account.</p></body></html>');
  });
};
