/** Counts Graph requests by route template and status, so benchmarks can tell what a sync costs (GET /_dev/stats). */
export interface GraphStats {
  since: string;
  /** HTTP requests that reached Graph routes, $batch envelopes included, sub-requests not. */
  httpRequests: number;
  /** Requests executed inside $batch envelopes (each counts against Graph's throttling). */
  batchSubRequests: number;
  /** Every Graph operation (HTTP requests and batch sub-requests) by `METHOD /route/template`. */
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  throttled: number;
  unavailable: number;
  /** Requests held right now by a delay fault: a test can act while a write is surely on the wire. */
  delayedNow: number;
}

export interface StatsRecorder {
  record(method: string, routeTemplate: string, statusCode: number, fromBatch: boolean): void;
  /** Holds a request for a delay fault, counted in delayedNow meanwhile. */
  hold(delayMs: number): Promise<void>;
  snapshot(): GraphStats;
  reset(): void;
}

export function createStatsRecorder(): StatsRecorder {
  let stats: GraphStats;
  let delayedNow = 0;
  const reset = (): void => {
    stats = { since: new Date().toISOString(), httpRequests: 0, batchSubRequests: 0, byRoute: {}, byStatus: {}, throttled: 0, unavailable: 0, delayedNow: 0 };
  };
  reset();
  return {
    record(method, routeTemplate, statusCode, fromBatch) {
      if (fromBatch) stats.batchSubRequests += 1;
      else stats.httpRequests += 1;
      const route = `${method} ${routeTemplate}`;
      stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
      stats.byStatus[String(statusCode)] = (stats.byStatus[String(statusCode)] ?? 0) + 1;
      if (statusCode === 429) stats.throttled += 1;
      if (statusCode === 503) stats.unavailable += 1;
    },
    async hold(delayMs) {
      delayedNow += 1;
      try {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      } finally {
        delayedNow -= 1;
      }
    },
    snapshot: () => ({ ...structuredClone(stats), delayedNow }),
    reset,
  };
}
