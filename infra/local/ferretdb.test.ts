import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { findFerretDbBinary, installFerretDb, startFerretDb } from './ferretdb.js';

const run = promisify(execFile);
const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'campus-ferretdb-test-'));
  tempDirs.push(dir);
  return dir;
}

describe('startFerretDb', () => {
  it('starts a store that answers ping and keeps data, then stops it', async () => {
    const logged: string[] = [];
    const ferretDb = await startFerretDb({ dataDir: await tempDir(), log: (line) => logged.push(line) });
    expect(ferretDb.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/\?maxPoolSize=8$/);

    const client = new MongoClient(ferretDb.uri, { serverSelectionTimeoutMS: 2000 });
    try {
      expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
      await client
        .db('launcher_test')
        .collection('things')
        .insertOne({ _id: 'a' as never, n: 1 });
      expect(await client.db('launcher_test').collection('things').findOne({})).toEqual({ _id: 'a', n: 1 });
    } finally {
      await client.close();
    }

    await ferretDb.stop();
    const after = new MongoClient(ferretDb.uri, { serverSelectionTimeoutMS: 500 });
    try {
      await expect(after.db('admin').command({ ping: 1 })).rejects.toThrow();
    } finally {
      await after.close();
    }
  });

  it('starts two stores side by side on different ports', async () => {
    const [first, second] = await Promise.all([
      startFerretDb({ dataDir: await tempDir() }),
      startFerretDb({ dataDir: await tempDir() }),
    ]);
    try {
      expect(first.uri).not.toBe(second.uri);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it('stop() is safe to call twice', async () => {
    const ferretDb = await startFerretDb({ dataDir: await tempDir() });
    await ferretDb.stop();
    await expect(ferretDb.stop()).resolves.toBeUndefined();
  });
});

/** Runs `fn` with a PATH that still reaches `go` but not ferretdb, and a GOPATH without ferretdb. */
async function withoutFerretDb<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { PATH: process.env.PATH, GOPATH: process.env.GOPATH };
  const goDirs = (saved.PATH ?? '').split(path.delimiter).filter((dir) => existsSync(path.join(dir, 'go')));
  process.env.PATH = [
    ...goDirs.filter((dir) => !existsSync(path.join(dir, 'ferretdb'))),
    await tempDir(),
  ].join(path.delimiter);
  process.env.GOPATH = await tempDir();
  try {
    return await fn();
  } finally {
    process.env.PATH = saved.PATH;
    process.env.GOPATH = saved.GOPATH;
  }
}

describe('installFerretDb', () => {
  it('builds a FerretDB 1.24.2 binary that starts (with its version file)', async () => {
    const binDir = await tempDir();
    const binary = await installFerretDb({ binDir });
    expect(binary).toBe(path.join(binDir, 'ferretdb'));
    const { stdout } = await run(binary, ['--version']);
    expect(stdout).toContain('version: v1.24.2');
    // A cold Go module and build cache makes this a download and a full build.
  }, 600_000);
});

describe('findFerretDbBinary', () => {
  it('finds the installed binary', async () => {
    expect(path.basename(await findFerretDbBinary())).toBe('ferretdb');
  });

  it('names PATH, the GOPATH bin directory and the install command when the binary is missing', async () => {
    const error = await withoutFerretDb(() =>
      findFerretDbBinary().then(
        () => null,
        (caught: unknown) => caught,
      ),
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('on PATH');
    expect(message).toContain('$(go env GOPATH)/bin');
    expect(message).toContain('go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2');
  });

  it('startFerretDb fails with that error when the binary is missing', async () => {
    const dataDir = await tempDir();
    await expect(withoutFerretDb(() => startFerretDb({ dataDir }))).rejects.toThrow(
      /FerretDB binary not found/,
    );
  });
});

describe('startFerretDb failures and lifetime', () => {
  /** Starts with a stand-in `ferretdb` script first on PATH and returns the error message it fails with. */
  async function failureWith(script: string): Promise<string> {
    const binDir = await tempDir();
    const fake = path.join(binDir, 'ferretdb');
    await writeFile(fake, `#!/bin/sh\n${script}\n`);
    await chmod(fake, 0o755);
    const saved = process.env.PATH;
    process.env.PATH = `${binDir}${path.delimiter}${saved ?? ''}`;
    try {
      const error = await startFerretDb({ dataDir: await tempDir() }).then(
        () => null,
        (caught: unknown) => caught,
      );
      return (error as Error).message;
    } finally {
      process.env.PATH = saved;
    }
  }

  it('reports the exit and the tail of its output when FerretDB exits before accepting connections', async () => {
    const message = await failureWith('echo "open data: permission denied" >&2\nexit 3');
    expect(message).toMatch(/exited with code 3 .*before accepting connections/);
    expect(message).toContain('open data: permission denied');
  });

  it('explains how to rebuild a binary that go install built without its version file', async () => {
    const message = await failureWith(
      'echo "panic: Invalid build/version/version.txt file content. Please run bin/task gen-version." >&2\nexit 2',
    );
    expect(message).toContain('Invalid build/version/version.txt');
    expect(message).toContain('Rebuild it with installFerretDb() from infra/local/ferretdb.ts');
  });

  it('does not outlive the process that started it', async () => {
    const dataDir = await tempDir();
    const script = [
      `import { startFerretDb } from ${JSON.stringify(path.resolve('infra/local/ferretdb.ts'))};`,
      `const ferretDb = await startFerretDb({ dataDir: ${JSON.stringify(dataDir)} });`,
      'console.log(ferretDb.uri);',
    ].join('\n');
    // The parent ends on its own (nothing keeps it alive), so only the exit hook can stop FerretDB.
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
    const uri = stdout.trim();
    expect(uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/\?maxPoolSize=8$/);
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500 });
    try {
      await expect(client.db('admin').command({ ping: 1 })).rejects.toThrow();
    } finally {
      await client.close();
    }
  });
});
