/**
 * Sign-in outside Microsoft 365 hosts: the OAuth 2.0 authorization-code flow with PKCE against the tenant
 * authority, exactly as Entra ID expects from a single-page application (redirect URI registered as SPA).
 */
import type { ClientConfig } from '../api-types.js';
import { createCodeChallenge, createRandomString } from './pkce.js';
import type { KeyValueStorage } from './token-store.js';

const pendingKey = 'campus.sign-in';

/** What must survive the round trip to the authority: the verifier proves we started it, the state that it is ours. */
interface PendingSignIn {
  state: string;
  codeVerifier: string;
}

/** The query parameters the authority sends back to the redirect URI. */
export type SignInRedirect = { code: string; state: string } | { error: string; description: string };

/** The token endpoint's answer, reduced to what the tab keeps. */
export interface SignInResult {
  accessToken: string;
  expiresInSeconds: number;
}

/** The app's own root, registered as the SPA redirect URI. */
export function redirectUriFor(origin: string): string {
  return `${origin}/`;
}

/** Starts a sign-in: remembers a fresh verifier and state, and returns the authorize URL to navigate to. */
export async function beginSignIn(
  config: ClientConfig,
  storage: KeyValueStorage,
  origin: string,
): Promise<string> {
  const pending: PendingSignIn = { state: createRandomString(16), codeVerifier: createRandomString(32) };
  storage.setItem(pendingKey, JSON.stringify(pending));
  const query = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    redirect_uri: redirectUriFor(origin),
    scope: `${config.apiScope} openid profile`,
    state: pending.state,
    code_challenge: await createCodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
  });
  return `${config.authority}/oauth2/v2.0/authorize?${query}`;
}

/** Reads an authorization response from the page URL, or null when the URL is not one. */
export function readSignInRedirect(url: URL): SignInRedirect | null {
  const params = url.searchParams;
  const error = params.get('error');
  if (error) return { error, description: params.get('error_description') ?? error };
  const code = params.get('code');
  const state = params.get('state');
  return code && state ? { code, state } : null;
}

/**
 * Finishes a sign-in: checks the state against the one we sent, then redeems the code with the verifier.
 * The pending sign-in is removed first so a reloaded redirect page cannot redeem the same code twice.
 */
export async function completeSignIn(
  config: ClientConfig,
  redirect: SignInRedirect,
  storage: KeyValueStorage,
  origin: string,
  fetchImpl: typeof fetch = fetch,
): Promise<SignInResult> {
  const raw = storage.getItem(pendingKey);
  storage.removeItem(pendingKey);
  if ('error' in redirect) throw new Error(`Sign-in failed: ${redirect.description}`);
  const pending = raw ? (JSON.parse(raw) as PendingSignIn) : null;
  if (!pending || pending.state !== redirect.state) {
    throw new Error('This sign-in was not started here or has already been used. Sign in again.');
  }
  let response: Response;
  try {
    response = await fetchImpl(`${config.authority}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: config.clientId,
        grant_type: 'authorization_code',
        code: redirect.code,
        redirect_uri: redirectUriFor(origin),
        code_verifier: pending.codeVerifier,
      }),
    });
  } catch (cause) {
    throw new Error('The sign-in service could not be reached. Try again.', { cause });
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== 'string') {
    const reason =
      typeof body.error_description === 'string' ? body.error_description : `HTTP ${response.status}`;
    throw new Error(`Sign-in failed: ${reason}`);
  }
  const expiresIn = Number(body.expires_in);
  return {
    accessToken: body.access_token,
    expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600,
  };
}
