/**
 * Everything the tab must know before its first screen: the host, and in a browser the sign-in settings plus the
 * outcome of a sign-in redirect. Runs once per page load, outside React, so a code is never redeemed twice.
 */
import { fetchClientConfig } from '../api-client.js';
import type { ClientConfig } from '../api-types.js';
import { detectHost, type Host } from '../host/host.js';
import { completeSignIn, readSignInRedirect } from './browser-sign-in.js';
import { createTokenStore } from './token-store.js';

/** The start-up outcome; `error` is a message to show, e.g. a failed sign-in or an unreachable API. */
export interface Boot {
  host: Host;
  /** Sign-in settings; null inside Microsoft 365 hosts, or when the API could not be reached. */
  config: ClientConfig | null;
  error: string | null;
}

/** The browser's token store: sessionStorage keeps the token for this tab only. */
export const browserTokens = createTokenStore(sessionStorage);

export async function bootstrap(): Promise<Boot> {
  const pageUrl = new URL(window.location.href);
  const host = await detectHost(pageUrl, window.parent !== window);
  if (host.kind === 'm365') return { host, config: null, error: null };
  let config: ClientConfig;
  try {
    config = await fetchClientConfig();
  } catch (error) {
    return { host, config: null, error: (error as Error).message };
  }
  const redirect = readSignInRedirect(pageUrl);
  if (!redirect) return { host, config, error: null };
  // The code must not stay in the address bar or history, whatever happens next.
  window.history.replaceState(null, '', '/');
  try {
    const result = await completeSignIn(config, redirect, sessionStorage, window.location.origin);
    browserTokens.save(result.accessToken, result.expiresInSeconds);
    return { host, config, error: null };
  } catch (error) {
    return { host, config, error: (error as Error).message };
  }
}
