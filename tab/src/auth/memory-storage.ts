import type { KeyValueStorage } from './token-store.js';

/** A Map-backed Web Storage stand-in for tests (Node has no sessionStorage). */
export function createMemoryStorage(): KeyValueStorage & { size: () => number } {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    size: () => items.size,
  };
}
