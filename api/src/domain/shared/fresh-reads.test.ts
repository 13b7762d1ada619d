import { describe, expect, it } from 'vitest';
import { shareFreshReads } from './fresh-reads.js';

/** A store whose reads finish when the test says, answering with the value at the moment each read started. */
function controlledStore() {
  let value = 0;
  const pending: Array<() => void> = [];
  const reads: string[] = [];
  return {
    set: (next: number) => (value = next),
    reads,
    finishNext: async () => {
      pending.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    },
    read: (key: string) => {
      reads.push(key);
      const seen = value;
      return new Promise<number>((resolve, reject) =>
        pending.push(() => (seen < 0 ? reject(new Error(`store failed reading ${key}`)) : resolve(seen))),
      );
    },
  };
}

describe('shareFreshReads', () => {
  it('gives callers that ask during a read the next read, which starts after they asked, and shares it', async () => {
    const store = controlledStore();
    const read = shareFreshReads((key: string) => key, store.read);
    store.set(1);
    const first = read('session-a');
    store.set(2);
    const later = [read('session-a'), read('session-a'), read('session-a')];
    await store.finishNext();
    await store.finishNext();
    expect(await first).toBe(1);
    expect(await Promise.all(later)).toEqual([2, 2, 2]);
    expect(store.reads).toEqual(['session-a', 'session-a']);
  });

  it('reads again for a caller that comes after the shared reads are over', async () => {
    const store = controlledStore();
    const read = shareFreshReads((key: string) => key, store.read);
    store.set(1);
    const first = read('session-a');
    await store.finishNext();
    expect(await first).toBe(1);
    store.set(5);
    const second = read('session-a');
    await store.finishNext();
    expect(await second).toBe(5);
    expect(store.reads).toHaveLength(2);
  });

  it('does not share between keys', async () => {
    const store = controlledStore();
    const read = shareFreshReads((key: string) => key, store.read);
    const a = read('session-a');
    const b = read('session-b');
    await store.finishNext();
    await store.finishNext();
    await Promise.all([a, b]);
    expect(store.reads).toEqual(['session-a', 'session-b']);
  });

  it('fails only the callers that shared the failed read; the next ones read afresh', async () => {
    const store = controlledStore();
    const read = shareFreshReads((key: string) => key, store.read);
    store.set(-1);
    const failing = [read('session-a'), read('session-a')];
    store.set(3);
    const firstFails = expect(failing[0]).rejects.toThrow('store failed reading session-a');
    await store.finishNext();
    await firstFails;
    await store.finishNext();
    expect(await failing[1]).toBe(3);
  });
});
