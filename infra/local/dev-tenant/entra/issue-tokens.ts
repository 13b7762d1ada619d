import type { RegisteredApp } from '../app-registration.js';
import { GRAPH_RESOURCE } from '../defaults.js';
import type { DirectoryUser } from '../state.js';
import { ACCESS_TOKEN_SECONDS, derivedGuid, type TokenService } from './token-service.js';

/** Graph's tokens are v1.0 tokens with the sts.windows.net issuer, whatever endpoint issued them. */
export function graphIssuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

export function v2Issuer(baseUrl: string, tenantId: string): string {
  return `${baseUrl}/${tenantId}/v2.0`;
}

/** The object id of the app's service principal in this tenant (the `oid` of its app-only tokens). */
export function servicePrincipalId(app: RegisteredApp, tenantId: string): string {
  return derivedGuid('service-principal', tenantId, app.clientId);
}

export interface Issuer {
  tokens: TokenService;
  tenantId: string;
  baseUrl: string;
}

/** The token response body Entra's v2 token endpoint answers with. */
export interface TokenResponse {
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  client_info?: string;
}

function userClaims(user: DirectoryUser, tenantId: string): Record<string, unknown> {
  return { oid: user.id, tid: tenantId, name: user.displayName, given_name: user.givenName, family_name: user.surname };
}

/** App-only Graph token (client credentials): roles are the app's application permissions. */
export function graphAppToken(issuer: Issuer, app: RegisteredApp): Promise<string> {
  const oid = servicePrincipalId(app, issuer.tenantId);
  return issuer.tokens.sign({
    aud: GRAPH_RESOURCE, iss: graphIssuer(issuer.tenantId), appid: app.clientId, appidacr: '1', idtyp: 'app', oid, sub: oid,
    roles: [...app.applicationPermissions], tid: issuer.tenantId, ver: '1.0',
  });
}

/** Delegated Graph token for a user (on-behalf-of or authorization code): scp lists the granted scopes. */
export function graphUserToken(issuer: Issuer, user: DirectoryUser, clientId: string, scopes: string[], confidential: boolean): Promise<string> {
  return issuer.tokens.sign({
    aud: GRAPH_RESOURCE, iss: graphIssuer(issuer.tenantId), appid: clientId, appidacr: confidential ? '1' : '0', idtyp: 'user',
    ...userClaims(user, issuer.tenantId), scp: scopes.join(' '), sub: derivedGuid('sub', user.id, clientId, 'graph'),
    unique_name: user.userPrincipalName, upn: user.userPrincipalName, ver: '1.0',
  });
}

/** v2 access token for the Campus API itself (aud = its client id). */
export function apiUserToken(issuer: Issuer, user: DirectoryUser, app: RegisteredApp, scopes: string[], azp: string, confidential: boolean, audience?: string): Promise<string> {
  return issuer.tokens.sign({
    aud: audience ?? app.clientId, iss: v2Issuer(issuer.baseUrl, issuer.tenantId), azp, azpacr: confidential ? '1' : '0',
    ...userClaims(user, issuer.tenantId), preferred_username: user.userPrincipalName, scp: scopes.join(' '),
    sub: derivedGuid('sub', user.id, app.clientId), ver: '2.0',
  });
}

/** App-only v2 token for the Campus API (client credentials on `${identifierUri}/.default`). */
export function apiAppToken(issuer: Issuer, app: RegisteredApp): Promise<string> {
  const oid = servicePrincipalId(app, issuer.tenantId);
  return issuer.tokens.sign({
    aud: app.clientId, iss: v2Issuer(issuer.baseUrl, issuer.tenantId), azp: app.clientId, azpacr: '1', idtyp: 'app',
    oid, sub: oid, tid: issuer.tenantId, ver: '2.0',
  });
}

export function idToken(issuer: Issuer, user: DirectoryUser, clientId: string, nonce: string | null): Promise<string> {
  return issuer.tokens.sign({
    aud: clientId, iss: v2Issuer(issuer.baseUrl, issuer.tenantId), ...userClaims(user, issuer.tenantId),
    preferred_username: user.userPrincipalName, email: user.mail, sub: derivedGuid('sub', user.id, clientId), ver: '2.0',
    ...(nonce ? { nonce } : {}),
  });
}

/** client_info as Entra returns it when asked (client_info=1): base64url JSON { uid, utid }. */
export function clientInfo(user: DirectoryUser, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: user.id, utid: tenantId })).toString('base64url');
}

export function tokenResponse(accessToken: string, scopes: string[], extra: Partial<TokenResponse> = {}): TokenResponse {
  return { token_type: 'Bearer', scope: scopes.join(' '), expires_in: ACCESS_TOKEN_SECONDS, ext_expires_in: ACCESS_TOKEN_SECONDS, access_token: accessToken, ...extra };
}
