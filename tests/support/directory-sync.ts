/** Runs the directory sync of a running Campus through its API, as an organizer would, and waits for it to finish. */
import type { ApiCall } from './campus-server.js';

/** What GET /api/directory/sync answers, as far as waiting needs it. */
export interface SyncStatus {
  state: 'idle' | 'full' | 'incremental' | 'enriching';
  pagesDone: number;
  percent: number | null;
  lastCompletedAt: string | null;
  lastError: { message: string; at: string } | null;
  graphRequests: { delta: number; count: number; enrichmentBatches: number; enrichmentRequests: number };
}

/**
 * Asks for a sync (`full`: everyone, else the changes since the last one) and polls its status until a run that
 * ended after the request completes. A sync the server started by itself meanwhile counts too: it read at least as much.
 */
export async function syncDirectory(
  api: ApiCall,
  options: { full?: boolean; timeoutMs?: number; progress?: (message: string) => void } = {},
): Promise<SyncStatus> {
  const requestedAt = Date.now();
  await api('POST', '/api/directory/sync', { full: options.full ?? true });
  const deadline = requestedAt + (options.timeoutMs ?? 60 * 60_000);
  let lastReport = 0;
  for (;;) {
    const status = await api<SyncStatus>('GET', '/api/directory/sync');
    const completedAt = status.lastCompletedAt ? Date.parse(status.lastCompletedAt) : 0;
    if (status.state === 'idle' && completedAt >= requestedAt) return status;
    if (status.lastError && Date.parse(status.lastError.at) >= requestedAt) {
      throw new Error(`the directory sync failed: ${status.lastError.message}`);
    }
    if (Date.now() > deadline)
      throw new Error(
        `the directory sync did not finish in time (state ${status.state}, ${status.percent ?? '?'}%)`,
      );
    if (options.progress && Date.now() - lastReport > 15_000) {
      lastReport = Date.now();
      options.progress(`sync ${status.state}, ${status.percent ?? '?'}%, ${status.pagesDone} pages`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
