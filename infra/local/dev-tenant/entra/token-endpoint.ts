import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { DevTenantContext } from '../context.js';
import { GRAPH_APP_ID, GRAPH_RESOURCE } from '../defaults.js';
import { findUser, type DirectoryUser } from '../state.js';
import type { AuthorizationCodeStore } from './authorization-codes.js';
import { sendEntraError } from './errors.js';
import { apiAppToken, apiUserToken, clientInfo, graphAppToken, graphUserToken, idToken, tokenResponse, type Issuer, type TokenResponse } from './issue-tokens.js';
import { isScopeError, resolveScopes, type ResolvedScopes } from './scopes.js';
import { checkTenant } from './tenant-path.js';
import type { TokenClaims } from './token-service.js';

type TokenForm = Record<string, string | undefined>;

/** A failed step: the Entra error to answer with. */
class EntraFailure {
  constructor(readonly status: number, readonly error: string, readonly aadsts: number, readonly message: string) {}
}

const fail = (status: number, error: string, aadsts: number, message: string): never => {
  throw new EntraFailure(status, error, aadsts, message);
};

function basicCredentials(request: FastifyRequest): { id: string; secret: string } | null {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return null;
  const [id, secret] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
  return id && secret !== undefined ? { id: decodeURIComponent(id), secret: decodeURIComponent(secret) } : null;
}

/**
 * The v2.0 token endpoint (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow,
 * v2-oauth2-on-behalf-of-flow, v2-oauth2-auth-code-flow#redeem-a-code-for-an-access-token, #refresh-the-access-token).
 */
export const tokenEndpointRoutes: FastifyPluginAsync<{ ctx: DevTenantContext; codes: AuthorizationCodeStore }> = async (app, { ctx, codes }) => {
  const tenantName = ctx.state.domain;

  function clientOf(form: TokenForm, request: FastifyRequest, secretRequired: boolean): { confidential: boolean } {
    const basic = basicCredentials(request);
    const clientId = form.client_id ?? basic?.id;
    if (!clientId) fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
    if (clientId !== ctx.campusApp.clientId) {
      fail(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
    }
    const secret = form.client_secret ?? basic?.secret;
    if (secret === undefined) {
      if (secretRequired) fail(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
      return { confidential: false };
    }
    if (secret !== ctx.campusApp.clientSecret) {
      fail(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${ctx.campusApp.clientId}'.`);
    }
    return { confidential: true };
  }

  function scopesOf(form: TokenForm): ResolvedScopes {
    if (!form.scope) fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'scope'.");
    const resolved = resolveScopes(form.scope!, ctx.campusApp, tenantName);
    if (isScopeError(resolved)) return fail(400, resolved.error, resolved.aadsts, resolved.message);
    return resolved;
  }

  function activeUser(id: unknown): DirectoryUser {
    const user = typeof id === 'string' ? findUser(ctx.state, id) : undefined;
    if (!user) return fail(400, 'invalid_grant', 50034, `The user account ${String(id)} does not exist in the ${tenantName} directory. To sign into this application, the account must be added to the directory.`);
    if (!user.accountEnabled) fail(400, 'invalid_grant', 50057, 'The user account is disabled.');
    return user;
  }

  async function userTokens(issuer: Issuer, user: DirectoryUser, scopes: ResolvedScopes, confidential: boolean, form: TokenForm, nonce: string | null): Promise<TokenResponse> {
    const clientId = ctx.campusApp.clientId;
    const access = scopes.resource === 'api'
      ? await apiUserToken(issuer, user, ctx.campusApp, scopes.permissions, clientId, confidential)
      : await graphUserToken(issuer, user, clientId, scopes.permissions, confidential);
    const extra: Partial<TokenResponse> = {};
    if (scopes.oidc.has('openid')) extra.id_token = await idToken(issuer, user, clientId, nonce);
    if (scopes.oidc.has('offline_access')) {
      extra.refresh_token = await ctx.tokens.signRefreshToken({ aud: clientId, tid: ctx.tenantId, oid: user.id, scope: form.scope, confidential });
    }
    // MSAL builds its account from client_info; Entra returns it on user flows.
    extra.client_info = clientInfo(user, ctx.tenantId);
    return tokenResponse(access, scopes.granted, extra);
  }

  async function clientCredentials(issuer: Issuer, form: TokenForm, request: FastifyRequest): Promise<TokenResponse> {
    clientOf(form, request, true);
    const scope = form.scope?.trim();
    if (!scope) fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'scope'.");
    const resource = scope!.endsWith('/.default') && !scope!.includes(' ') ? scope!.slice(0, -'/.default'.length) : null;
    if (!resource) fail(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
    if (resource === GRAPH_RESOURCE || resource === GRAPH_APP_ID) return tokenResponse(await graphAppToken(issuer, ctx.campusApp), [scope!]);
    if ([ctx.campusApp.identifierUri, ctx.campusApp.clientId, `api://${ctx.campusApp.clientId}`].includes(resource!)) {
      return tokenResponse(await apiAppToken(issuer, ctx.campusApp), [scope!]);
    }
    return fail(400, 'invalid_resource', 500011, `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`);
  }

  async function onBehalfOf(issuer: Issuer, form: TokenForm, request: FastifyRequest): Promise<TokenResponse> {
    const { confidential } = clientOf(form, request, true);
    if (form.requested_token_use !== 'on_behalf_of') fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'requested_token_use'.");
    if (!form.assertion) fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'assertion'.");
    let claims: TokenClaims;
    try {
      claims = await ctx.tokens.verify(form.assertion!);
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      return fail(400, 'invalid_grant', expired ? 500133 : 50013, expired ? 'Assertion is not within its valid time range.' : 'Assertion failed signature validation.');
    }
    const audiences = [ctx.campusApp.clientId, ctx.campusApp.identifierUri];
    if (!audiences.includes(String(claims.aud)) || claims.tid !== ctx.tenantId || claims.token_use === 'refresh') {
      fail(400, 'invalid_grant', 50013, `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${String(claims.aud)}' and the expected audience is '${ctx.campusApp.clientId}' or one of the Application Id URIs of this client app.`);
    }
    if (claims.idtyp === 'app' || !claims.oid) fail(400, 'invalid_grant', 50013, 'Assertion contains an app-only token; on-behalf-of needs a user token.');
    return userTokens(issuer, activeUser(claims.oid), scopesOf(form), confidential, form, null);
  }

  async function authorizationCode(issuer: Issuer, form: TokenForm, request: FastifyRequest): Promise<TokenResponse> {
    const { confidential } = clientOf(form, request, !form.code_verifier);
    if (!form.code) fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'code'.");
    const entry = codes.redeem(form.code!);
    if (entry === 'redeemed') fail(400, 'invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.');
    if (entry === 'expired') fail(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');
    if (entry === null || typeof entry !== 'object') return fail(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid. The provided authorization code is not valid.');
    if (entry.clientId !== ctx.campusApp.clientId) fail(400, 'invalid_grant', 70000, "The provided value for the 'code' parameter is not valid. The code was issued to a different client.");
    if (form.redirect_uri !== entry.redirectUri) fail(400, 'invalid_grant', 50011, `The redirect URI '${form.redirect_uri ?? ''}' specified in the request does not match the redirect URI used to obtain the authorization code.`);
    if (entry.codeChallenge) {
      const verifier = form.code_verifier ?? '';
      const computed = entry.codeChallengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
      if (!verifier || computed !== entry.codeChallenge) fail(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
    } else if (!confidential) {
      fail(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }
    const scopes = resolveScopes(entry.scope, ctx.campusApp, tenantName);
    if (isScopeError(scopes)) return fail(400, scopes.error, scopes.aadsts, scopes.message);
    return userTokens(issuer, activeUser(entry.userId), scopes, confidential, { ...form, scope: entry.scope }, entry.nonce);
  }

  async function refreshToken(issuer: Issuer, form: TokenForm, request: FastifyRequest): Promise<TokenResponse> {
    const { confidential } = clientOf(form, request, false);
    let claims: TokenClaims;
    try {
      claims = await ctx.tokens.verify(form.refresh_token ?? '');
    } catch {
      return fail(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid. The refresh token is not valid.');
    }
    if (claims.token_use !== 'refresh' || claims.aud !== ctx.campusApp.clientId) {
      fail(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid. The refresh token was issued to a different client.');
    }
    if (claims.confidential && !confidential) fail(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    const scope = form.scope ?? String(claims.scope ?? '');
    const user = activeUser(claims.oid);
    const scopes = scopesOf({ ...form, scope });
    // Entra hands out a new refresh token with every refresh, whatever the scope list says.
    scopes.oidc.add('offline_access');
    return userTokens(issuer, user, scopes, confidential, { ...form, scope }, null);
  }

  app.post<{ Params: { tenant: string }; Body: TokenForm }>('/:tenant/oauth2/v2.0/token', async (request, reply: FastifyReply) => {
    if (!checkTenant(ctx, request.params.tenant, reply)) return reply;
    const form = (request.body ?? {}) as TokenForm;
    const issuer: Issuer = { tokens: ctx.tokens, tenantId: ctx.tenantId, baseUrl: ctx.baseUrl(request) };
    try {
      reply.header('cache-control', 'no-store, no-cache').header('pragma', 'no-cache');
      switch (form.grant_type) {
        case 'client_credentials':
          return await clientCredentials(issuer, form, request);
        case 'urn:ietf:params:oauth:grant-type:jwt-bearer':
          return await onBehalfOf(issuer, form, request);
        case 'authorization_code':
          return await authorizationCode(issuer, form, request);
        case 'refresh_token':
          return await refreshToken(issuer, form, request);
        case undefined:
          return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
        default:
          return fail(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${form.grant_type}'.`);
      }
    } catch (error) {
      if (error instanceof EntraFailure) return sendEntraError(reply, error.status, error.error, error.aadsts, error.message);
      throw error;
    }
  });
};
