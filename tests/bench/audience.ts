/**
 * `npm run bench -- audience [--size 100000] [--rounds 100]`: a full directory sync of a dev tenant of `size` people
 * through the real server (its own FerretDB; the tenant in a child process, so this process's peak memory is
 * Campus's), then previews of three rules through HTTP as an organizer would send them while editing.
 * Reports the sync's Graph requests (against the floor of one delta page per 999 people) and wall time, preview
 * p50/p95 per rule, the first (cold) preview of each, the time a restarted server needs to load the index from the
 * store, and the peak RSS of this process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { loadConfig } from '@campus/api/config';
import { startServer } from '@campus/api/server';
import { CAMPUS_ORGANIZERS_GROUP_ID, PATTI_FERNANDEZ_ID } from '@campus/infra/dev-tenant/personas';
import { startFerretDb } from '@campus/infra/ferretdb';
import { createAudienceDirectorySource } from '../../api/src/adapters/mongo/audience-directory-source.js';
import { createDirectoryIndexRegistry } from '../../api/src/domain/audiences/directory-index-registry.js';
import { syncDirectory } from '../support/directory-sync.js';

interface TenantInfo {
  url: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  apiAppIdUri: string;
  people: number;
  groupIds: Record<string, string>;
  vps: Array<{ id: string; jobTitle: string | null; department: string | null }>;
}

interface GraphStats {
  httpRequests: number;
  batchSubRequests: number;
  byRoute: Record<string, number>;
}

function log(message: string): void {
  process.stderr.write(`[audience] ${message}\n`);
}

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const megabytes = (bytes: number) => Math.round(bytes / 1_048_576);

/** The largest heap and RSS this process reaches while `work` runs, sampled every 50 ms. */
async function peakMemoryOf<T>(
  work: () => Promise<T>,
): Promise<{ result: T; heapMb: number; rssMb: number }> {
  let heap = 0;
  let rss = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    heap = Math.max(heap, usage.heapUsed);
    rss = Math.max(rss, usage.rss);
  };
  const timer = setInterval(sample, 50);
  try {
    const result = await work();
    sample();
    return { result, heapMb: megabytes(heap), rssMb: megabytes(rss) };
  } finally {
    clearInterval(timer);
  }
}

async function startTenantProcess(size: number): Promise<{ info: TenantInfo; child: ChildProcess }> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dev-tenant-process.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(size)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([once(lines, 'line'), once(child, 'exit').then(() => [null])])) as [
    string | null,
  ];
  if (!line) throw new Error('the dev tenant process ended before saying where it is');
  return { info: JSON.parse(line) as TenantInfo, child };
}

async function json<T>(method: string, url: string, token: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** Runs the benchmark; returns its figures (the runner prints them as one JSON line). */
export default async function audienceBench(args: string[]): Promise<Record<string, unknown>> {
  const size = option(args, '--size', 100_000);
  const rounds = option(args, '--rounds', 100);
  log(`starting a dev tenant of ${size} people in a child process`);
  const { info: tenant, child } = await startTenantProcess(size);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'campus-bench-audience-'));
  const ferret = await startFerretDb({ dataDir });
  const dbName = 'campus_bench_audience';
  const server = await startServer(
    loadConfig({
      PORT: '0',
      MONGODB_URI: ferret.uri,
      MONGODB_DB: dbName,
      AZURE_TENANT_ID: tenant.tenantId,
      AZURE_CLIENT_ID: tenant.clientId,
      AZURE_CLIENT_SECRET: tenant.clientSecret,
      AZURE_AUTHORITY_HOST: tenant.url,
      GRAPH_BASE_URL: tenant.url,
      API_APP_ID_URI: tenant.apiAppIdUri,
      CAMPUS_ORGANIZER_GROUP_ID: CAMPUS_ORGANIZERS_GROUP_ID,
      LOG_LEVEL: 'error',
      // The one full sync measured is the one the benchmark asks for.
      DIRECTORY_SYNC_INTERVAL_MS: '0',
      TAB_DIR: '/nonexistent-campus-tab',
    }),
  );
  try {
    // A full sync of 100,000 people can outlast a token's hour: ask for a fresh one every half hour.
    let token = { value: '', at: -Infinity };
    const currentToken = async () => {
      if (performance.now() - token.at > 30 * 60_000) {
        const issued = await json<{ access_token: string }>('POST', `${tenant.url}/_dev/token`, null, {
          user: PATTI_FERNANDEZ_ID,
        });
        token = { value: issued.access_token, at: performance.now() };
      }
      return token.value;
    };
    const api = async <T>(method: string, route: string, body?: unknown) =>
      json<T>(method, `${server.url}${route}`, await currentToken(), body);

    await json('POST', `${tenant.url}/_dev/stats/reset`, null);
    log('full directory sync through the server');
    const syncStarted = performance.now();
    const sync = await peakMemoryOf(() =>
      syncDirectory(api, { full: true, timeoutMs: 3 * 60 * 60_000, progress: log }),
    );
    const synced = sync.result;
    const syncSeconds = (performance.now() - syncStarted) / 1000;
    const stats = await json<GraphStats>('GET', `${tenant.url}/_dev/stats`, null);
    const deltaRequests = Object.entries(stats.byRoute)
      .filter(([route]) => route.includes('/users/delta'))
      .reduce((sum, [, count]) => sum + count, 0);
    log(
      `sync: ${round1(syncSeconds)} s, ${stats.httpRequests} Graph requests (${deltaRequests} delta pages, ${stats.batchSubRequests} inside $batch)`,
    );

    // The top-level manager with the most people under them, as the preview itself counts them.
    const under = async (id: string) =>
      (await api<{ total: number }>('POST', '/api/audiences/preview', { rule: { manager: { under: id } } }))
        .total;
    const vpCounts = await Promise.all(tenant.vps.map(async (vp) => ({ ...vp, total: await under(vp.id) })));
    const topManager = vpCounts.sort((a, b) => b.total - a.total)[0]!;
    const rules: Record<string, unknown> = {
      department_and_office: {
        all: [{ department: { is: ['Sales'] } }, { officeLocation: { is: ['London'] } }],
      },
      under_top_manager: { manager: { under: topManager.id } },
      and_or_with_group: {
        all: [
          {
            any: [
              { department: { is: ['Finance', 'Operations'] } },
              { group: { memberOf: tenant.groupIds['EMEA Offices'] } },
            ],
          },
          { not: { jobTitle: { contains: 'Intern' } } },
          { any: [{ jobTitle: { startsWith: 'Senior' } }, { employeeType: { is: ['Employee'] } }] },
        ],
      },
    };
    const p50: Record<string, number> = {};
    const p95: Record<string, number> = {};
    const cold: Record<string, number> = {};
    const totals: Record<string, number> = {};
    const previews = await peakMemoryOf(async () => {
      for (const [name, rule] of Object.entries(rules)) {
        const times: number[] = [];
        for (let round = 0; round <= rounds; round++) {
          const started = performance.now();
          const preview = await api<{ total: number }>('POST', '/api/audiences/preview', { rule });
          const elapsed = performance.now() - started;
          if (round === 0) {
            cold[name] = round1(elapsed);
            totals[name] = preview.total;
          } else times.push(elapsed);
        }
        times.sort((a, b) => a - b);
        p50[name] = round1(percentile(times, 50));
        p95[name] = round1(percentile(times, 95));
        log(
          `preview ${name}: ${totals[name]} people, cold ${cold[name]} ms, p50 ${p50[name]} ms, p95 ${p95[name]} ms`,
        );
      }
    });
    const idle = process.memoryUsage();

    // Read before the cold load below, which builds a second index in this process.
    const peakRssMb = megabytes(process.resourceUsage().maxRSS * 1024);
    log('loading the index from the store, as a restarted server would');
    const client = new MongoClient(ferret.uri);
    let coldLoadSeconds: number;
    try {
      const loadStarted = performance.now();
      const registry = createDirectoryIndexRegistry(createAudienceDirectorySource(client.db(dbName)), {
        info: () => undefined,
        warn: () => undefined,
      });
      await registry.current({ tenantId: tenant.tenantId });
      coldLoadSeconds = (performance.now() - loadStarted) / 1000;
    } finally {
      await client.close();
    }
    // The least Graph can be asked: delta pages of 999, and a profile and a mailbox time zone per person (Graph
    // serves those one user at a time) in $batch envelopes of 20.
    const deltaFloor = Math.ceil(tenant.people / 999);
    const floor = deltaFloor + Math.ceil((2 * tenant.people) / 20);
    return {
      n: tenant.people,
      sync_requests: stats.httpRequests,
      sync_floor: floor,
      sync_floor_delta: deltaFloor,
      sync_over_floor_percent: round1((100 * (stats.httpRequests - floor)) / floor),
      sync_delta_requests: deltaRequests,
      sync_batch_subrequests: stats.batchSubRequests,
      sync_requests_by_purpose: synced.graphRequests,
      sync_s: round1(syncSeconds),
      preview_p50_ms: p50,
      preview_p95_ms: p95,
      preview_cold_ms: cold,
      preview_totals: totals,
      top_manager: { id: topManager.id, jobTitle: topManager.jobTitle },
      index_cold_load_s: round1(coldLoadSeconds),
      peak_rss_mb: peakRssMb,
      memory_mb: {
        sync_peak_heap: sync.heapMb,
        sync_peak_rss: sync.rssMb,
        previews_peak_heap: previews.heapMb,
        previews_peak_rss: previews.rssMb,
        after_previews_heap: megabytes(idle.heapUsed),
        after_previews_rss: megabytes(idle.rss),
      },
    };
  } finally {
    await server.close();
    await ferret.stop();
    child.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}
