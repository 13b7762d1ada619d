import {
  ClientConfigurationError,
  ConfidentialClientApplication,
  LogLevel,
  ServerError,
} from '@azure/msal-node';

/**
 * Graph's resource id. Tokens are minted for Graph as a resource, whichever URL serves it (Microsoft's cloud
 * or the dev tenant), so this is never derived from graphBaseUrl.
 */
const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';
/** Refresh this long before expiry (at most), so a token never expires between being read and being sent. */
const MAX_REFRESH_MARGIN_MS = 5 * 60_000;

export interface TokenSourceOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  authorityHost: string;
  now: () => number;
  logger?: { warn(obj: object, msg: string): void; debug?(obj: object, msg: string): void };
}

/** App-only (client-credentials) tokens for Graph, shared by every call of one gateway. */
export interface TokenSource {
  getAccessToken(): Promise<string>;
  /** Forgets `token` (Graph answered 401 to it), so the next call acquires a fresh one. */
  invalidate(token: string): void;
}

export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const authorityHost = options.authorityHost.replace(/\/+$/, '');
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      authority: `${authorityHost}/${options.tenantId}`,
      // Trusting the host skips Microsoft's instance discovery, which a sovereign or local authority would fail.
      knownAuthorities: [new URL(authorityHost).host],
    },
    system: {
      loggerOptions: {
        // msal warns on every client-credentials answer ("No client info"); only its errors are worth a line.
        logLevel: LogLevel.Error,
        piiLoggingEnabled: false,
        loggerCallback: (_level, message) => options.logger?.warn({ source: 'msal-node' }, message),
      },
    },
  });

  let cached: { token: string; refreshAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  async function acquire(): Promise<string> {
    const startedAt = options.now();
    // This source is the cache (one expiry rule, one in-flight request); msal's own cache would answer
    // concurrent callers one by one and keep a token we were told is revoked.
    const result = await msal.acquireTokenByClientCredential({
      scopes: [GRAPH_DEFAULT_SCOPE],
      skipCache: true,
    });
    if (!result?.accessToken || !result.expiresOn) {
      throw new Error('Entra answered the client-credentials request without an access token');
    }
    // msal dates expiry on the real clock; keep the lifetime and date it on ours (tests move ours).
    const lifetimeMs = Math.max(0, result.expiresOn.getTime() - Date.now());
    const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 2);
    cached = { token: result.accessToken, refreshAt: startedAt + lifetimeMs - margin };
    options.logger?.debug?.({ expiresInMs: lifetimeMs }, 'acquired a Graph token');
    return result.accessToken;
  }

  return {
    getAccessToken() {
      if (cached && options.now() < cached.refreshAt) return Promise.resolve(cached.token);
      inFlight ??= acquire().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
  };
}

/**
 * Whether a failed token acquisition may succeed if tried again: Entra throttling or outage, or no answer at all.
 * An OAuth error such as invalid_client or a bad authority will not.
 */
export function isTransientTokenError(error: unknown): boolean {
  if (error instanceof ServerError) return error.status === 429 || (error.status ?? 0) >= 500;
  return !(error instanceof ClientConfigurationError);
}
