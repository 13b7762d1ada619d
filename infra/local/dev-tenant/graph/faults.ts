import { createPrng, type Prng } from '../seed/prng.js';

/** Fault injection for reliability tests (PUT /_dev/faults). Rates are probabilities per Graph request. */
export interface FaultSettings {
  throttleRate: number;
  unavailableRate: number;
  delayMs: number;
  retryAfterSeconds: number;
  /** Regular expression over the Graph path (e.g. '^/v1.0/users'); null = every Graph route. */
  pathPattern: string | null;
  /**
   * 'random': each request fails with the rates' probability (seeded). 'even': exactly that share of requests fail,
   * spread evenly from the first one on (at 0.2, requests 1, 6, 11, …), so a run of a few calls still meets faults.
   */
  spread: 'random' | 'even';
  seed: number;
}

export type FaultDecision = { kind: 'throttle'; retryAfterSeconds: number } | { kind: 'unavailable'; retryAfterSeconds: number } | null;

export interface FaultController {
  readonly settings: FaultSettings;
  configure(settings: Partial<FaultSettings>): FaultSettings;
  clear(): void;
  /** Decides one request's fate; draws from the seeded sequence only for requests the pattern covers. */
  decide(path: string): { fault: FaultDecision; delayMs: number };
}

const NONE: FaultSettings = { throttleRate: 0, unavailableRate: 0, delayMs: 0, retryAfterSeconds: 1, pathPattern: null, spread: 'random', seed: 1 };

/** Whether the n-th of a run of events (from 0) is one of the `rate` share picked evenly, the first one included. */
function pickedEvenly(n: number, rate: number): boolean {
  return Math.floor((n + 1) * rate + 1 - rate + 1e-9) > Math.floor(n * rate + 1 - rate + 1e-9);
}

export function createFaultController(): FaultController {
  let settings: FaultSettings = { ...NONE };
  let pattern: RegExp | null = null;
  let prng: Prng = createPrng(settings.seed);
  /** For the even spread: requests the pattern covered, and faults given, since the settings were made. */
  let covered = 0;
  let given = 0;

  function evenFault(): FaultDecision {
    const rate = settings.throttleRate + settings.unavailableRate;
    if (!pickedEvenly(covered++, rate)) return null;
    const kind = pickedEvenly(given++, settings.throttleRate / rate) ? 'throttle' : 'unavailable';
    return { kind, retryAfterSeconds: settings.retryAfterSeconds };
  }

  return {
    get settings() {
      return settings;
    },
    configure(next) {
      settings = { ...NONE, ...next };
      pattern = settings.pathPattern ? new RegExp(settings.pathPattern) : null;
      prng = createPrng(settings.seed);
      covered = 0;
      given = 0;
      return settings;
    },
    clear() {
      settings = { ...NONE };
      pattern = null;
    },
    decide(path) {
      if (pattern && !pattern.test(path)) return { fault: null, delayMs: 0 };
      const delayMs = settings.delayMs;
      if (settings.throttleRate <= 0 && settings.unavailableRate <= 0) return { fault: null, delayMs };
      if (settings.spread === 'even') return { fault: evenFault(), delayMs };
      const roll = prng.next();
      if (roll < settings.throttleRate) return { fault: { kind: 'throttle', retryAfterSeconds: settings.retryAfterSeconds }, delayMs };
      if (roll < settings.throttleRate + settings.unavailableRate) return { fault: { kind: 'unavailable', retryAfterSeconds: settings.retryAfterSeconds }, delayMs };
      return { fault: null, delayMs };
    },
  };
}
