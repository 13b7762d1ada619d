/**
 * `npm start`: the whole of Campus on one machine. Without MONGODB_URI it starts FerretDB (data in .data/ferretdb);
 * without AZURE_TENANT_ID it starts the dev tenant (Entra ID + Graph emulator) and points the app at it.
 * The API runs as a child process so NODE_EXTRA_CA_CERTS (the dev CA) is in place before Node starts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ensureDevCertificates, extraCaCertsWithDevCa } from './dev-ca.js';
import { DEV_TENANT_NAME } from './dev-tenant/defaults.js';
import { startDevTenant, type RunningDevTenant } from './dev-tenant/index.js';
import { CAMPUS_ORGANIZERS_GROUP_ID, devPersonas } from './dev-tenant/seed/personas.js';
import { startFerretDb, type RunningFerretDb } from './ferretdb.js';
import { ensureFerretDb } from './local-tools.js';
import { localDataDir, repoRoot } from './paths.js';

const port = Number(process.env.PORT ?? 3978);
const stoppers: Array<() => Promise<void>> = [];
let api: ChildProcess | null = null;

async function stopAll(code: number): Promise<never> {
  api?.kill('SIGTERM');
  for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAll(0));

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the API did not become ready at ${url}/readyz`);
}

try {
  const certificates = await ensureDevCertificates();
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_EXTRA_CA_CERTS: await extraCaCertsWithDevCa(certificates.caCertPath) };

  let ferret: RunningFerretDb | null = null;
  if (!process.env.MONGODB_URI) {
    await ensureFerretDb();
    ferret = await startFerretDb({ dataDir: path.join(localDataDir, 'ferretdb') });
    stoppers.push(() => ferret!.stop());
    env.MONGODB_URI = ferret.uri;
  }

  let tenant: RunningDevTenant | null = null;
  if (!process.env.AZURE_TENANT_ID) {
    tenant = await startDevTenant({ port: Number(process.env.DEV_TENANT_PORT ?? 3979), certificates });
    stoppers.push(() => tenant!.stop());
    Object.assign(env, {
      AZURE_TENANT_ID: tenant.tenantId,
      AZURE_CLIENT_ID: tenant.campusApp.clientId,
      AZURE_CLIENT_SECRET: tenant.campusApp.clientSecret,
      AZURE_AUTHORITY_HOST: tenant.url,
      GRAPH_BASE_URL: tenant.url,
      API_APP_ID_URI: tenant.campusApp.identifierUri,
      CAMPUS_ORGANIZER_GROUP_ID: process.env.CAMPUS_ORGANIZER_GROUP_ID ?? CAMPUS_ORGANIZERS_GROUP_ID,
    });
  }

  if (!existsSync(path.join(repoRoot, 'tab', 'dist', 'index.html'))) {
    console.log('Building the tab (first start only)…');
    await run('npx', ['vite', 'build', 'tab', '--logLevel', 'warn']);
  }

  api = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'api', 'src', 'server.ts')], {
    cwd: repoRoot,
    env: { LOG_FORMAT: 'pretty', ...env, PORT: String(port) },
    stdio: 'inherit',
  });
  api.on('exit', (code) => {
    console.error(`The API stopped (code ${code}).`);
    void stopAll(code ?? 1);
  });
  const url = `http://localhost:${port}`;
  await waitUntilReady(url, api);

  const lines = [
    '',
    'Campus is running',
    `  Tab (open in a browser)    ${url}/`,
    `  API and its OpenAPI docs   ${url}/api  ·  ${url}/docs`,
    `  Bot endpoint               ${url}/api/messages   (npm run playground to chat with it)`,
    `  Readiness                  ${url}/readyz`,
    `  Store                      ${ferret ? `FerretDB ${ferret.uri} (data in .data/ferretdb)` : 'MONGODB_URI'}`,
  ];
  if (tenant) {
    lines.push(
      `  Dev tenant (Entra + Graph) ${tenant.url}  ·  ${DEV_TENANT_NAME}, ${tenant.state.users.size} people`,
      `  Sign in as                 ${devPersonas.map((persona) => `${persona.displayName} (${persona.role})`).join('; ')}`,
    );
  } else {
    lines.push(`  Tenant                     ${process.env.AZURE_TENANT_ID} via ${process.env.AZURE_AUTHORITY_HOST ?? 'login.microsoftonline.com'}`);
  }
  lines.push('Press Ctrl+C to stop.', '');
  console.log(lines.join('\n'));
} catch (error) {
  console.error('Campus could not start:', error instanceof Error ? error.message : error);
  await stopAll(1);
}
