/**
 * Runs a command with the dev tenant's CA trusted: `tsx infra/local/with-dev-ca.ts vitest run`.
 * NODE_EXTRA_CA_CERTS is read only when Node starts, so it must be set before the command's process exists.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureDevCertificates } from './dev-ca.js';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: tsx infra/local/with-dev-ca.ts COMMAND [ARGS...]');
  process.exit(2);
}
const { caCertPath } = await ensureDevCertificates();
// NODE_EXTRA_CA_CERTS names one file: when the environment already sets one (a corporate bundle), trust both.
let extraCaCerts = caCertPath;
const inherited = process.env.NODE_EXTRA_CA_CERTS;
if (inherited && path.resolve(inherited) !== path.resolve(caCertPath)) {
  extraCaCerts = path.join(path.dirname(caCertPath), 'node-extra-ca-bundle.pem');
  const [theirs, ours] = await Promise.all([readFile(inherited, 'utf8').catch(() => ''), readFile(caCertPath, 'utf8')]);
  await writeFile(extraCaCerts, `${theirs.trimEnd()}\n${ours}`);
}
const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, NODE_EXTRA_CA_CERTS: extraCaCerts },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
