import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../auth/memory-storage.js';
import { rememberRequestedView, takeRequestedView } from './requested-view.js';

describe('requested view', () => {
  it('survives the sign-in round trip, once', () => {
    const storage = createMemoryStorage();
    rememberRequestedView(new URL('https://campus.test/?view=approvals'), storage);
    expect(takeRequestedView(new URL('https://campus.test/'), storage)).toBe('approvals');
    expect(takeRequestedView(new URL('https://campus.test/'), storage)).toBeNull();
    expect(storage.size()).toBe(0);
  });

  it('prefers the address over what was remembered, and remembers nothing without a view', () => {
    const storage = createMemoryStorage();
    rememberRequestedView(new URL('https://campus.test/'), storage);
    expect(storage.size()).toBe(0);
    rememberRequestedView(new URL('https://campus.test/?view=my-sessions'), storage);
    expect(takeRequestedView(new URL('https://campus.test/?view=approvals'), storage)).toBe('approvals');
    expect(storage.size()).toBe(0);
  });
});
