/**
 * Runs at most `limit` tasks at once; the others wait their turn in the order they came. Under a burst this lets
 * each admitted request run to its end instead of every request advancing one store call at a time behind all the
 * others (the store's queue is first come, first served), so most answers come long before the last one.
 */
export function createAdmission(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return async (task) => {
    if (running < limit) running += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}
