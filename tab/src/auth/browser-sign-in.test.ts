import { describe, expect, it } from 'vitest';
import type { ClientConfig } from '../api-types.js';
import { beginSignIn, completeSignIn, readSignInRedirect } from './browser-sign-in.js';
import { createMemoryStorage } from './memory-storage.js';
import { createCodeChallenge } from './pkce.js';

const config: ClientConfig = {
  tenantId: 'tenant-1',
  clientId: 'client-1',
  authority: 'https://login.example/tenant-1',
  apiScope: 'api://localhost/client-1/access_as_user',
};
const origin = 'http://localhost:3978';

/** A fetch that records its request and answers with `status` and `body`. */
function recordingFetch(status: number, body: unknown) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

async function startAndReturn() {
  const storage = createMemoryStorage();
  const authorizeUrl = new URL(await beginSignIn(config, storage, origin));
  const state = authorizeUrl.searchParams.get('state')!;
  const redirect = readSignInRedirect(new URL(`${origin}/?code=the-code&state=${state}`))!;
  return { storage, authorizeUrl, redirect };
}

describe('browser sign-in (authorization code + PKCE)', () => {
  it('sends the browser to the authority with an S256 challenge and the API scope', async () => {
    const { authorizeUrl } = await startAndReturn();
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(
      'https://login.example/tenant-1/oauth2/v2.0/authorize',
    );
    expect(Object.fromEntries(authorizeUrl.searchParams)).toMatchObject({
      client_id: 'client-1',
      response_type: 'code',
      redirect_uri: 'http://localhost:3978/',
      scope: 'api://localhost/client-1/access_as_user openid profile',
      code_challenge_method: 'S256',
    });
  });

  it('redeems the code with the verifier whose challenge it sent', async () => {
    const { storage, authorizeUrl, redirect } = await startAndReturn();
    const { calls, fetchImpl } = recordingFetch(200, {
      access_token: 'at-1',
      expires_in: 3599,
      token_type: 'Bearer',
    });
    await expect(completeSignIn(config, redirect, storage, origin, fetchImpl)).resolves.toEqual({
      accessToken: 'at-1',
      expiresInSeconds: 3599,
    });
    expect(calls[0]?.url).toBe('https://login.example/tenant-1/oauth2/v2.0/token');
    const form = new URLSearchParams(String(calls[0]?.init.body));
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code')).toBe('the-code');
    expect(form.get('redirect_uri')).toBe('http://localhost:3978/');
    expect(await createCodeChallenge(form.get('code_verifier')!)).toBe(
      authorizeUrl.searchParams.get('code_challenge'),
    );
  });

  it('refuses a redirect whose state it did not send, and a second use of the same one', async () => {
    const { storage, redirect } = await startAndReturn();
    const { calls, fetchImpl } = recordingFetch(200, { access_token: 'at-1', expires_in: 3600 });
    const forged = { code: 'the-code', state: 'someone-else' };
    await expect(completeSignIn(config, forged, storage, origin, fetchImpl)).rejects.toThrow(
      /not started here/,
    );
    await expect(completeSignIn(config, redirect, storage, origin, fetchImpl)).rejects.toThrow(
      /not started here/,
    );
    expect(calls).toHaveLength(0);
  });

  it("reports the authority's error description", async () => {
    const { storage, redirect } = await startAndReturn();
    const { fetchImpl } = recordingFetch(400, {
      error: 'invalid_grant',
      error_description: 'AADSTS70008: code expired',
    });
    await expect(completeSignIn(config, redirect, storage, origin, fetchImpl)).rejects.toThrow(
      'Sign-in failed: AADSTS70008: code expired',
    );
    const denied = readSignInRedirect(
      new URL(`${origin}/?error=access_denied&error_description=User+cancelled`),
    )!;
    await expect(completeSignIn(config, denied, storage, origin, fetchImpl)).rejects.toThrow(
      'Sign-in failed: User cancelled',
    );
  });

  it('does not take an ordinary page URL for a redirect', () => {
    expect(readSignInRedirect(new URL(`${origin}/?inTeams=1`))).toBeNull();
  });
});
