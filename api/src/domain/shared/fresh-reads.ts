/**
 * Shares a read among concurrent callers without giving anyone older data than a read of their own would: a caller
 * that asks while a read of the same key is under way waits for the next read, which starts after it asked, and
 * everyone waiting then shares that one. Under a burst (a thousand registrations for one session) a read each
 * becomes a handful; a lone caller pays nothing extra. Results are shared, so callers must not mutate them.
 */
export function shareFreshReads<A extends unknown[], V>(
  keyOf: (...args: A) => string,
  read: (...args: A) => Promise<V>,
): (...args: A) => Promise<V> {
  interface Waiting {
    resolve(value: V): void;
    reject(error: unknown): void;
  }
  /** Per key: the callers waiting for the next read (the one under way has already taken its own). */
  const queues = new Map<string, { args: A; waiting: Waiting[] }>();

  async function serve(key: string): Promise<void> {
    for (;;) {
      const queue = queues.get(key)!;
      if (queue.waiting.length === 0) break;
      const batch = queue.waiting.splice(0);
      try {
        const value = await read(...queue.args);
        for (const caller of batch) caller.resolve(value);
      } catch (error) {
        for (const caller of batch) caller.reject(error);
      }
    }
    queues.delete(key);
  }

  return (...args) =>
    new Promise<V>((resolve, reject) => {
      const key = keyOf(...args);
      const running = queues.get(key);
      if (running) {
        running.waiting.push({ resolve, reject });
        return;
      }
      queues.set(key, { args, waiting: [{ resolve, reject }] });
      void serve(key);
    });
}
