/**
 * Starts a local FerretDB (SQLite handler) as a child process: the embedded default store for development and tests.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:fs';
import { access, chmod, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import net, { type Socket } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';

const run = promisify(execFile);

const ferretDbModule = 'github.com/FerretDB/FerretDB';
const ferretDbVersion = 'v1.24.2';
export const ferretDbInstallCommand = `go install ${ferretDbModule}/cmd/ferretdb@${ferretDbVersion}`;

/** How to start a local FerretDB. */
export interface FerretDbOptions {
  /** Directory for the SQLite files and FerretDB's state; created when missing. */
  dataDir: string;
  /** log lines go here; default: quiet */
  log?: (line: string) => void;
}

/** A FerretDB child process that answers MongoDB's wire protocol. */
export interface RunningFerretDb {
  /** mongodb://127.0.0.1:PORT/ */
  uri: string;
  /** Stops the process (SIGTERM, then SIGKILL after a grace period); resolves once it has exited. */
  stop(): Promise<void>;
}

const startTimeoutMs = 30_000;
const stopGraceMs = 5_000;
const portAttempts = 5;
const stderrTailLines = 30;

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function goBinDirs(): Promise<string[]> {
  try {
    const { stdout } = await run('go', ['env', 'GOPATH']);
    return stdout
      .trim()
      .split(path.delimiter)
      .filter(Boolean)
      .map((dir) => path.join(dir, 'bin'));
  } catch {
    return [];
  }
}

/** Finds the ferretdb binary: PATH first, then `$(go env GOPATH)/bin`. */
export async function findFerretDbBinary(): Promise<string> {
  const pathDirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of [...pathDirs, ...(await goBinDirs())]) {
    const candidate = path.join(dir, 'ferretdb');
    if (await isExecutable(candidate)) return candidate;
  }
  throw new Error(
    'FerretDB binary not found: looked for `ferretdb` on PATH and in $(go env GOPATH)/bin. ' +
      `Install it with installFerretDb() from infra/local/ferretdb.ts: it builds what \`${ferretDbInstallCommand}\` ` +
      'builds, plus the build/version/version.txt that a plain go install leaves out (without it the binary panics ' +
      'at start). Or set MONGODB_URI to use another MongoDB-compatible store.',
  );
}

/**
 * Builds FerretDB into `binDir` (default `$(go env GOPATH)/bin`) and returns the binary's path. The module is
 * built from a copy of its source with build/version/version.txt written in, which `go install` cannot do.
 */
export async function installFerretDb(
  options: { binDir?: string; log?: (line: string) => void } = {},
): Promise<string> {
  const log = options.log ?? (() => {});
  const binDir = options.binDir ?? (await goBinDirs())[0];
  if (!binDir) throw new Error('cannot install FerretDB: `go env GOPATH` failed; is Go (1.22+) installed?');
  log(`downloading ${ferretDbModule}@${ferretDbVersion}`);
  const { stdout } = await run('go', ['mod', 'download', '-json', `${ferretDbModule}@${ferretDbVersion}`], {
    cwd: os.tmpdir(),
  });
  const moduleDir = (JSON.parse(stdout) as { Dir?: string }).Dir;
  if (!moduleDir) throw new Error(`go mod download did not report where ${ferretDbModule} is`);
  const sourceDir = await mkdtemp(path.join(os.tmpdir(), 'ferretdb-src-'));
  try {
    await run('cp', ['-R', `${moduleDir}/.`, sourceDir]);
    // The module cache is read-only; the copy must be writable to add the version file.
    await run('chmod', ['-R', 'u+w', sourceDir]);
    await writeFile(path.join(sourceDir, 'build', 'version', 'version.txt'), `${ferretDbVersion}\n`);
    const binary = path.join(binDir, 'ferretdb');
    const building = path.join(binDir, `.ferretdb-${process.pid}`);
    log(`building ${binary} (takes a few minutes the first time)`);
    await mkdir(binDir, { recursive: true });
    await run('go', ['build', '-buildvcs=false', '-o', building, './cmd/ferretdb'], {
      cwd: sourceDir,
      maxBuffer: 16 * 1024 * 1024,
    });
    await chmod(building, 0o755);
    // Renamed into place so that a concurrent start never runs a half-written binary.
    await rename(building, binary);
    return binary;
  } finally {
    await rm(sourceDir, { recursive: true, force: true });
  }
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free loopback port'))));
    });
  });
}

/** Keeps the last lines a child wrote, for error messages; forwards each line to the log. */
function captureLines(child: ChildProcess, log: (line: string) => void): () => string {
  const tail: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > stderrTailLines) tail.shift();
        log(line);
      }
    });
  }
  return () => tail.join('\n');
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function pingOnce(uri: string): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}

/** Connections to the local store (see attemptStart). */
const POOL_SIZE = 8;

type Attempt = { ok: true; running: RunningFerretDb } | { ok: false; portInUse: boolean; message: string };

async function attemptStart(binary: string, dataDir: string, log: (line: string) => void): Promise<Attempt> {
  const port = await freeLoopbackPort();
  // SQLite has one writer: connections beyond a few only wait on its lock inside FerretDB, and past its 10 s
  // busy_timeout they fail (SQLITE_BUSY). With a small pool the driver queues the rest in order instead.
  const uri = `mongodb://127.0.0.1:${port}/?maxPoolSize=${POOL_SIZE}`;
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      // WAL with synchronous=NORMAL: a commit survives the process being killed (what the tests and a developer's
      // machine meet) without an fsync per write, which otherwise caps writes at the disk's sync rate.
      `--sqlite-url=file:${dataDir}/?_pragma=synchronous(normal)`,
      `--state-dir=${dataDir}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=error',
    ],
    { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const tail = captureLines(child, log);
  const exited = waitForExit(child);
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));

  // A store must not outlive the process that started it; 'exit' handlers run only synchronous code.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  // The caller's own work decides when the process ends, not this child.
  child.unref();
  (child.stdout as Socket | null)?.unref();
  (child.stderr as Socket | null)?.unref();

  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) log(`ferretdb exited unexpectedly (code ${code}, signal ${signal})`);
  });

  const stop = async () => {
    stopping = true;
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    const hasExited = child.exitCode !== null || child.signalCode !== null || spawnError !== undefined;
    if (hasExited) break;
    if (await pingOnce(uri)) return { ok: true, running: { uri, stop } };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const hasExited = child.exitCode !== null || child.signalCode !== null || spawnError !== undefined;
  await stop();
  const output = tail();
  if (hasExited) {
    const how = spawnError
      ? spawnError.message
      : `exited with code ${child.exitCode} (signal ${child.signalCode})`;
    const portInUse = /address already in use/i.test(output);
    return {
      ok: false,
      portInUse,
      message: explain(`FerretDB (${binary}) ${how} before accepting connections`, output),
    };
  }
  return {
    ok: false,
    portInUse: false,
    message: explain(
      `FerretDB (${binary}) did not answer ping on ${uri} within ${startTimeoutMs / 1000}s`,
      output,
    ),
  };
}

function explain(message: string, output: string): string {
  const hint = output.includes('version.txt')
    ? '\nThis binary was built by `go install`, which leaves out build/version/version.txt. ' +
      'Rebuild it with installFerretDb() from infra/local/ferretdb.ts, which writes that file before building.'
    : '';
  return `${message}${output ? `\n--- its output (tail) ---\n${output}` : ''}${hint}`;
}

/** Starts FerretDB with the SQLite handler on a free loopback port and resolves once it answers `ping`. */
export async function startFerretDb(options: FerretDbOptions): Promise<RunningFerretDb> {
  const log = options.log ?? (() => {});
  const binary = await findFerretDbBinary();
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  let lastFailure = '';
  for (let attempt = 1; attempt <= portAttempts; attempt += 1) {
    const outcome = await attemptStart(binary, dataDir, log);
    if (outcome.ok) return outcome.running;
    lastFailure = outcome.message;
    // Another process may take the port between our probe and FerretDB's bind: pick another one.
    if (!outcome.portInUse) break;
  }
  throw new Error(lastFailure);
}
