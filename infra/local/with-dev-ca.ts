/**
 * Runs a command with the dev tenant's CA trusted: `tsx infra/local/with-dev-ca.ts vitest run`.
 * NODE_EXTRA_CA_CERTS is read only when Node starts, so it must be set before the command's process exists.
 */
import { spawn } from 'node:child_process';
import { ensureDevCertificates, extraCaCertsWithDevCa } from './dev-ca.js';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: tsx infra/local/with-dev-ca.ts COMMAND [ARGS...]');
  process.exit(2);
}
const { caCertPath } = await ensureDevCertificates();
const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, NODE_EXTRA_CA_CERTS: await extraCaCertsWithDevCa(caCertPath) },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
