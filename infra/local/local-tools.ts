/**
 * Installs, once, the local tools that the embedded default and the tests need and that npm cannot bring:
 * FerretDB (built with Go) and Chromium (Debian's package, for browser tests).
 */
import { execFile, spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';
import { findFerretDbBinary, installFerretDb } from './ferretdb.js';

const run = promisify(execFile);

export const CHROMIUM_PATH = '/usr/bin/chromium';

function runVisible(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/** The ferretdb binary, built with Go the first time (a few minutes). */
export async function ensureFerretDb(): Promise<string> {
  try {
    return await findFerretDbBinary();
  } catch {
    console.warn('FerretDB is not installed; building FerretDB v1.24.2 with Go');
    return installFerretDb({ log: (line) => console.warn(line) });
  }
}

/** Debian's Chromium for the browser tests, installed with apt-get when missing and this user may. */
export async function ensureChromium(): Promise<string> {
  try {
    await access(CHROMIUM_PATH);
    return CHROMIUM_PATH;
  } catch {
    if (process.getuid?.() !== 0) {
      throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: install Debian's package with \`sudo apt-get install chromium\``);
    }
    console.warn('Chromium is not installed; installing Debian\'s package for the browser tests');
    await runVisible('apt-get', ['update', '-qq']);
    await runVisible('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
    await run(CHROMIUM_PATH, ['--version']);
    return CHROMIUM_PATH;
  }
}

if (process.argv[1]?.endsWith('local-tools.ts')) {
  await ensureFerretDb();
  await ensureChromium();
}
