import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from './memory-storage.js';
import { createTokenStore, expirySkewSeconds } from './token-store.js';

describe('token store', () => {
  it('returns a saved token until shortly before it expires', () => {
    let now = 1_000_000;
    const store = createTokenStore(createMemoryStorage(), () => now);
    store.save('token-1', 3600);
    expect(store.load()).toBe('token-1');
    now += (3600 - expirySkewSeconds - 1) * 1000;
    expect(store.load()).toBe('token-1');
    now += 1000;
    expect(store.load()).toBeNull();
  });

  it('forgets an expired token so the next load does not read it again', () => {
    let now = 0;
    const storage = createMemoryStorage();
    const store = createTokenStore(storage, () => now);
    store.save('token-1', 30);
    now = 1;
    expect(store.load()).toBeNull();
    expect(storage.size()).toBe(0);
  });

  it('treats unreadable storage as signed out', () => {
    const storage = createMemoryStorage();
    storage.setItem('campus.token', '{not json');
    expect(createTokenStore(storage).load()).toBeNull();
    storage.setItem('campus.token', JSON.stringify({ accessToken: 'x' }));
    expect(createTokenStore(storage).load()).toBeNull();
  });

  it('clears the token on sign-out', () => {
    const store = createTokenStore(createMemoryStorage());
    store.save('token-1', 3600);
    store.clear();
    expect(store.load()).toBeNull();
  });
});
