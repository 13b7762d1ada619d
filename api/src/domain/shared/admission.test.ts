import { describe, expect, it } from 'vitest';
import { createAdmission } from './admission.js';

/** A task that ends when the test says, recording when it started. */
function task(name: string, started: string[]) {
  let finish!: (fail?: boolean) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = (fail) => (fail ? reject(new Error(`${name} failed`)) : resolve(name));
  });
  return {
    run: () => {
      started.push(name);
      return done;
    },
    finish: async (fail?: boolean) => {
      finish(fail);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('createAdmission', () => {
  it('runs at most the limit at once and lets the others in, in the order they came, as places free', async () => {
    const admit = createAdmission(2);
    const started: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((name) => task(name, started));
    const answers = tasks.map((t) => admit(t.run));
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a', 'b']);
    await tasks[1]!.finish();
    expect(started).toEqual(['a', 'b', 'c']);
    await tasks[0]!.finish();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    await tasks[2]!.finish();
    await tasks[3]!.finish();
    expect(await Promise.all(answers)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('frees the place of a task that fails, and passes its error on', async () => {
    const admit = createAdmission(1);
    const started: string[] = [];
    const failing = task('a', started);
    const next = task('b', started);
    const first = admit(failing.run);
    const second = admit(next.run);
    const firstFails = expect(first).rejects.toThrow('a failed');
    await failing.finish(true);
    await firstFails;
    expect(started).toEqual(['a', 'b']);
    await next.finish();
    expect(await second).toBe('b');
  });
});
