/** Keeps the browser's API token in sessionStorage (gone when the tab closes) together with its expiry. */

/** The part of Web Storage the store needs, so tests can pass a Map-backed one. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Seconds before the real expiry at which a token counts as expired, so a call never leaves with a dying token. */
export const expirySkewSeconds = 60;
const tokenKey = 'campus.token';

interface StoredToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** A token store over `storage`; `now` is injectable so expiry can be tested. */
export function createTokenStore(storage: KeyValueStorage, now: () => number = Date.now) {
  return {
    save(accessToken: string, expiresInSeconds: number): void {
      const stored: StoredToken = { accessToken, expiresAt: now() + expiresInSeconds * 1000 };
      storage.setItem(tokenKey, JSON.stringify(stored));
    },
    /** The token, or null when there is none, it is unreadable, or it expires within the skew. */
    load(): string | null {
      const raw = storage.getItem(tokenKey);
      if (!raw) return null;
      let stored: Partial<StoredToken>;
      try {
        stored = JSON.parse(raw) as Partial<StoredToken>;
      } catch {
        stored = {};
      }
      const { accessToken, expiresAt } = stored;
      if (
        typeof accessToken !== 'string' ||
        typeof expiresAt !== 'number' ||
        expiresAt - expirySkewSeconds * 1000 <= now()
      ) {
        storage.removeItem(tokenKey);
        return null;
      }
      return accessToken;
    },
    clear(): void {
      storage.removeItem(tokenKey);
    },
  };
}

/** The browser's token store. */
export type TokenStore = ReturnType<typeof createTokenStore>;
