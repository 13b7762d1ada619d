import { randomBytes } from 'node:crypto';

/** An authorization code waiting to be redeemed, bound to what the authorize request said. */
export interface PendingCode {
  clientId: string;
  redirectUri: string;
  scope: string;
  userId: string;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | 'plain' | null;
  nonce: string | null;
  expiresAt: number;
}

/** Codes live ten minutes, as Entra's, and are single-use; redeemed codes are remembered to give Entra's error. */
const CODE_LIFETIME_MS = 10 * 60_000;

export interface AuthorizationCodeStore {
  issue(code: Omit<PendingCode, 'expiresAt'>): string;
  /** Takes the code out: 'redeemed' when it was used before, 'expired', or null when unknown. */
  redeem(code: string): PendingCode | 'redeemed' | 'expired' | null;
}

export function createAuthorizationCodeStore(now: () => number = Date.now): AuthorizationCodeStore {
  const pending = new Map<string, PendingCode>();
  const redeemed = new Map<string, number>();
  const sweep = (): void => {
    const t = now();
    for (const [code, entry] of pending) if (entry.expiresAt < t - CODE_LIFETIME_MS) pending.delete(code);
    for (const [code, at] of redeemed) if (at < t - 2 * CODE_LIFETIME_MS) redeemed.delete(code);
  };
  return {
    issue(entry) {
      sweep();
      const code = `1.${randomBytes(48).toString('base64url')}`;
      pending.set(code, { ...entry, expiresAt: now() + CODE_LIFETIME_MS });
      return code;
    },
    redeem(code) {
      if (redeemed.has(code)) return 'redeemed';
      const entry = pending.get(code);
      if (!entry) return null;
      pending.delete(code);
      redeemed.set(code, now());
      return entry.expiresAt < now() ? 'expired' : entry;
    },
  };
}
