import { createHash, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, TEST_BASE_URL, type TestTenant } from '../test-support.js';
import { ADELE_VANCE_ID, PATTI_FERNANDEZ_ID } from '../seed/personas.js';
import { peekClaims } from './token-service.js';

let t: TestTenant;
const REDIRECT = 'http://localhost:5173/auth';
const verifier = () => randomBytes(32).toString('base64url');
const challenge = (v: string) => createHash('sha256').update(v).digest('base64url');

function authorizeUrl(params: Record<string, string>): string {
  return `/${t.tenantId}/oauth2/v2.0/authorize?${new URLSearchParams({
    client_id: t.clientId, response_type: 'code', redirect_uri: REDIRECT, state: 'xyz',
    scope: `api://localhost/${t.clientId}/access_as_user openid profile offline_access`, ...params,
  })}`;
}

async function codeFor(user: string, codeVerifier: string, extra: Record<string, string> = {}): Promise<string> {
  const response = await t.app.inject({ method: 'GET', url: authorizeUrl({ login_hint: user, code_challenge: challenge(codeVerifier), code_challenge_method: 'S256', ...extra }) });
  expect(response.statusCode).toBe(302);
  const location = new URL(response.headers.location as string);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  expect(location.searchParams.get('state')).toBe('xyz');
  return location.searchParams.get('code')!;
}

const redeem = (form: Record<string, string>) => t.app.inject({
  method: 'POST', url: `/${t.tenantId}/oauth2/v2.0/token`, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:5173' },
  payload: new URLSearchParams({ grant_type: 'authorization_code', client_id: t.clientId, redirect_uri: REDIRECT, ...form }).toString(),
});

beforeAll(async () => {
  t = await createTestTenant();
});

describe('authorization code flow with PKCE', () => {
  it('signs the hinted user in and redeems the code for API, id and refresh tokens, cross-origin', async () => {
    const v = verifier();
    const response = await redeem({ code: await codeFor('AdeleV@contoso-dev.onmicrosoft.com', v, { nonce: 'n-1' }), code_verifier: v });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const body = response.json<{ access_token: string; id_token: string; refresh_token: string; scope: string; token_type: string; expires_in: number }>();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(body.scope.split(' ')).toEqual(expect.arrayContaining([`api://localhost/${t.clientId}/access_as_user`, 'openid', 'offline_access']));
    expect(peekClaims(body.access_token)).toMatchObject({ aud: t.clientId, oid: ADELE_VANCE_ID, scp: 'access_as_user', iss: `${TEST_BASE_URL}/${t.tenantId}/v2.0`, azpacr: '0' });
    expect(peekClaims(body.id_token)).toMatchObject({ aud: t.clientId, oid: ADELE_VANCE_ID, nonce: 'n-1', preferred_username: 'AdeleV@contoso-dev.onmicrosoft.com' });
    const refreshed = await t.app.inject({
      method: 'POST', url: `/${t.tenantId}/oauth2/v2.0/token`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'refresh_token', client_id: t.clientId, refresh_token: body.refresh_token, scope: 'https://graph.microsoft.com/User.Read' }).toString(),
    });
    expect(refreshed.statusCode).toBe(200);
    expect(peekClaims(refreshed.json<{ access_token: string }>().access_token)).toMatchObject({ aud: 'https://graph.microsoft.com', oid: ADELE_VANCE_ID, scp: 'User.Read' });
    expect(refreshed.json<{ refresh_token: string }>().refresh_token).toBeTruthy();
  });

  it('rejects a wrong code_verifier (AADSTS501481), and the code is then spent', async () => {
    const v = verifier();
    const code = await codeFor(PATTI_FERNANDEZ_ID, v);
    const wrong = await redeem({ code, code_verifier: verifier() });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    expect((await redeem({ code, code_verifier: v })).json()).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });
  });

  it('redeems a code once only (AADSTS54005 the second time)', async () => {
    const v = verifier();
    const code = await codeFor(PATTI_FERNANDEZ_ID, v);
    expect((await redeem({ code, code_verifier: v })).statusCode).toBe(200);
    const again = await redeem({ code, code_verifier: v });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });
  });

  it('binds the code to its redirect URI and needs a verifier or a secret', async () => {
    const v = verifier();
    const elsewhere = await redeem({ code: await codeFor(PATTI_FERNANDEZ_ID, v), code_verifier: v, redirect_uri: 'http://localhost:9999/other' });
    expect(elsewhere.json()).toMatchObject({ error: 'invalid_grant', error_codes: [50011] });
    const noVerifier = await redeem({ code: await codeFor(PATTI_FERNANDEZ_ID, v) });
    expect(noVerifier.statusCode).toBe(401);
    expect(noVerifier.json()).toMatchObject({ error: 'invalid_client', error_codes: [7000218] });
  });

  it('shows the account picker with the personas first, and its search endpoint finds people', async () => {
    const page = await t.app.inject({ method: 'GET', url: authorizeUrl({ code_challenge: challenge(verifier()), code_challenge_method: 'S256' }) });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('Contoso (dev tenant)');
    expect(page.body.indexOf('Patti Fernandez')).toBeLessThan(page.body.indexOf('Alex Wilber'));
    const people = await t.app.inject({ method: 'GET', url: `/${t.tenantId}/dev-sign-in/people?search=meg` });
    expect(people.json<{ value: Array<{ id: string }> }>().value[0]).toMatchObject({ displayName: 'Megan Bowen', role: 'manager' });
  });

  it('completes the sign-in when a person is picked on the page', async () => {
    const v = verifier();
    const picked = await t.app.inject({
      method: 'POST', url: `/${t.tenantId}/dev-sign-in`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ client_id: t.clientId, response_type: 'code', redirect_uri: REDIRECT, state: 's2', scope: 'openid User.Read', code_challenge: challenge(v), code_challenge_method: 'S256', user: ADELE_VANCE_ID }).toString(),
    });
    expect(picked.statusCode).toBe(302);
    const location = new URL(picked.headers.location as string);
    expect(location.searchParams.get('state')).toBe('s2');
    const tokens = await redeem({ code: location.searchParams.get('code')!, code_verifier: v });
    expect(peekClaims(tokens.json<{ access_token: string }>().access_token)).toMatchObject({ aud: 'https://graph.microsoft.com', oid: ADELE_VANCE_ID });
  });

  it('refuses unknown redirect URIs with an error page and bad requests with an error redirect', async () => {
    const bad = await t.app.inject({ method: 'GET', url: authorizeUrl({ redirect_uri: 'https://evil.example/cb' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('AADSTS50011');
    const wrongType = await t.app.inject({ method: 'GET', url: authorizeUrl({ response_type: 'token' }) });
    expect(new URL(wrongType.headers.location as string).searchParams.get('error')).toBe('unsupported_response_type');
    const twoResources = await t.app.inject({ method: 'GET', url: authorizeUrl({ scope: `api://localhost/${t.clientId}/access_as_user User.Read` }) });
    expect(new URL(twoResources.headers.location as string).searchParams.get('error_description')).toMatch(/^AADSTS28000/);
  });
});

describe('token endpoint errors', () => {
  const post = (form: Record<string, string>) => t.app.inject({
    method: 'POST', url: `/${t.tenantId}/oauth2/v2.0/token`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString(),
  });

  it('names the problem with Entra codes', async () => {
    expect((await post({ grant_type: 'password', client_id: t.clientId })).json()).toMatchObject({ error: 'unsupported_grant_type', error_codes: [70003] });
    expect((await post({ grant_type: 'client_credentials', client_id: 'b1c1c1c1-0000-4000-8000-000000000000', client_secret: 'x', scope: 'https://graph.microsoft.com/.default' })).json())
      .toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
    expect((await post({ grant_type: 'client_credentials', client_id: t.clientId, client_secret: t.clientSecret, scope: 'https://graph.microsoft.com/User.Read.All' })).json())
      .toMatchObject({ error: 'invalid_scope', error_codes: [1002012] });
    expect((await post({ grant_type: 'client_credentials', client_id: t.clientId, scope: 'https://graph.microsoft.com/.default' })).json())
      .toMatchObject({ error: 'invalid_client', error_codes: [7000218] });
    const missingGrant = await post({ client_id: t.clientId });
    expect(missingGrant.statusCode).toBe(400);
    expect(missingGrant.json<{ error_description: string }>().error_description).toMatch(/^AADSTS900144: .*'grant_type'/);
  });

  it('issues an app token for the Campus API itself with its application ID URI', async () => {
    const response = await post({ grant_type: 'client_credentials', client_id: t.clientId, client_secret: t.clientSecret, scope: `api://localhost/${t.clientId}/.default` });
    expect(peekClaims(response.json<{ access_token: string }>().access_token)).toMatchObject({ aud: t.clientId, idtyp: 'app', ver: '2.0' });
  });

  it('refuses on-behalf-of for a disabled user (AADSTS50057)', async () => {
    const assertion = await t.apiToken(ADELE_VANCE_ID);
    t.state.users.get(ADELE_VANCE_ID)!.accountEnabled = false;
    try {
      const response = await post({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', requested_token_use: 'on_behalf_of', client_id: t.clientId, client_secret: t.clientSecret, assertion, scope: 'https://graph.microsoft.com/.default' });
      expect(response.json()).toMatchObject({ error: 'invalid_grant', error_codes: [50057] });
    } finally {
      t.state.users.get(ADELE_VANCE_ID)!.accountEnabled = true;
    }
  });
});
