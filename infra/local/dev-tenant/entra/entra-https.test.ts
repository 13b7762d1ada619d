import { ConfidentialClientApplication } from '@azure/msal-node';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevCertificates } from '../../dev-ca.js';
import { startDevTenant, type RunningDevTenant } from '../index.js';
import { NESTOR_WILKE_ID } from '../seed/personas.js';

let tenant: RunningDevTenant;
let host: string;

const msal = (clientSecret = tenant.campusApp.clientSecret) =>
  new ConfidentialClientApplication({
    auth: { clientId: tenant.campusApp.clientId, clientSecret, authority: tenant.authorityUrl, knownAuthorities: [host] },
  });

async function userApiToken(user: string): Promise<string> {
  const response = await fetch(`${tenant.url}/_dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) });
  return ((await response.json()) as { access_token: string }).access_token;
}

beforeAll(async () => {
  tenant = await startDevTenant({ port: 0, certificates: await ensureDevCertificates(), size: 200 });
  host = new URL(tenant.url).host;
});
afterAll(() => tenant.stop());

describe('Entra over HTTPS', () => {
  it('serves the v2 OpenID configuration for the tenant id, its domain and organizations', async () => {
    const doc = (await (await fetch(`${tenant.authorityUrl}/v2.0/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(doc).toMatchObject({
      issuer: `${tenant.url}/${tenant.tenantId}/v2.0`,
      token_endpoint: `${tenant.url}/${tenant.tenantId}/oauth2/v2.0/token`,
      authorization_endpoint: `${tenant.url}/${tenant.tenantId}/oauth2/v2.0/authorize`,
      jwks_uri: `${tenant.url}/${tenant.tenantId}/discovery/v2.0/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
    const byDomain = (await (await fetch(`${tenant.url}/contoso-dev.onmicrosoft.com/v2.0/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(byDomain.issuer).toBe(doc.issuer);
    const organizations = (await (await fetch(`${tenant.url}/organizations/v2.0/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(organizations.issuer).toBe(`${tenant.url}/{tenantid}/v2.0`);
    const v1 = (await (await fetch(`${tenant.authorityUrl}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(v1.issuer).toBe(`https://sts.windows.net/${tenant.tenantId}/`);
  });

  it('answers AADSTS90002 for an unknown tenant', async () => {
    const response = await fetch(`${tenant.url}/fabrikam.onmicrosoft.com/v2.0/.well-known/openid-configuration`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; error_codes: number[]; error_description: string; trace_id: string; correlation_id: string; timestamp: string };
    expect(body.error).toBe('invalid_request');
    expect(body.error_codes).toEqual([90002]);
    expect(body.error_description).toMatch(/^AADSTS90002: Tenant 'fabrikam.onmicrosoft.com' not found/);
    expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes an RS256 key with kid and x5t that verifies the tokens it issues', async () => {
    const jwks = (await (await fetch(`${tenant.authorityUrl}/discovery/v2.0/keys`)).json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', e: 'AQAB' });
    expect(jwks.keys[0]!.kid).toBe(jwks.keys[0]!.x5t);
    const keySet = createRemoteJWKSet(new URL(`${tenant.authorityUrl}/discovery/v2.0/keys`));
    const apiToken = await userApiToken('NestorW@contoso-dev.onmicrosoft.com');
    const { payload, protectedHeader } = await jwtVerify(apiToken, keySet, { issuer: `${tenant.url}/${tenant.tenantId}/v2.0`, audience: tenant.campusApp.clientId });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: jwks.keys[0]!.kid });
    expect(payload).toMatchObject({ oid: NESTOR_WILKE_ID, tid: tenant.tenantId, scp: 'access_as_user', ver: '2.0', name: 'Nestor Wilke', preferred_username: 'NestorW@contoso-dev.onmicrosoft.com', azp: tenant.campusApp.clientId });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.sub).toMatch(/^[0-9a-f-]{36}$/);
    const tampered = `${apiToken.slice(0, apiToken.lastIndexOf('.'))}.${'A'.repeat(342)}`;
    await expect(jwtVerify(tampered, keySet)).rejects.toThrow();
  });

  it('gives msal-node an app-only Graph token by client credentials, with the app roles', async () => {
    const result = await msal().acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    expect(result?.accessToken).toBeTruthy();
    const keySet = createRemoteJWKSet(new URL(`${tenant.authorityUrl}/discovery/v2.0/keys`));
    const { payload } = await jwtVerify(result!.accessToken, keySet, { audience: 'https://graph.microsoft.com', issuer: `https://sts.windows.net/${tenant.tenantId}/` });
    expect(payload).toMatchObject({ idtyp: 'app', appid: tenant.campusApp.clientId, tid: tenant.tenantId });
    expect(payload.roles).toEqual(tenant.campusApp.applicationPermissions);
    const graph = await fetch(`${tenant.url}/v1.0/users/${NESTOR_WILKE_ID}?$select=displayName`, { headers: { authorization: `Bearer ${result!.accessToken}` } });
    expect(await graph.json()).toMatchObject({ displayName: 'Nestor Wilke' });
  });

  it('gives msal-node a delegated Graph token on behalf of a signed-in user', async () => {
    const assertion = await userApiToken(NESTOR_WILKE_ID);
    const result = await msal().acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: ['https://graph.microsoft.com/User.Read', 'https://graph.microsoft.com/Calendars.ReadWrite'] });
    expect(result?.account?.username).toBe('NestorW@contoso-dev.onmicrosoft.com');
    expect(result?.scopes).toEqual(expect.arrayContaining(['https://graph.microsoft.com/User.Read', 'https://graph.microsoft.com/Calendars.ReadWrite']));
    const me = await fetch(`${tenant.url}/v1.0/me?$select=displayName,id`, { headers: { authorization: `Bearer ${result!.accessToken}` } });
    expect(await me.json()).toMatchObject({ id: NESTOR_WILKE_ID, displayName: 'Nestor Wilke' });
  });

  it('rejects a wrong client secret with AADSTS7000215 that msal-node surfaces', async () => {
    await expect(msal('not-the-secret').acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }))
      .rejects.toMatchObject({ errorCode: 'invalid_client', errorMessage: expect.stringContaining('AADSTS7000215') });
  });

  it('rejects an on-behalf-of assertion for another audience (AADSTS50013)', async () => {
    const graphToken = await fetch(`${tenant.url}/_dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: NESTOR_WILKE_ID, audience: 'https://graph.microsoft.com' }) });
    const { access_token } = (await graphToken.json()) as { access_token: string };
    await expect(msal().acquireTokenOnBehalfOf({ oboAssertion: access_token, scopes: ['https://graph.microsoft.com/.default'] }))
      .rejects.toMatchObject({ errorCode: 'invalid_grant', errorMessage: expect.stringContaining('AADSTS50013') });
  });

  it('answers instance discovery and CORS preflight on the token endpoint', async () => {
    const discovery = (await (await fetch(`${tenant.url}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${tenant.authorityUrl}/oauth2/v2.0/authorize`)}`)).json()) as { metadata: Array<{ aliases: string[] }> };
    expect(discovery.metadata[0]!.aliases).toContain(host);
    const preflight = await fetch(`${tenant.authorityUrl}/oauth2/v2.0/token`, {
      method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
});
