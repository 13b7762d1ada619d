import { createPrng, type Prng } from '../seed/prng.js';

/** Fault injection for reliability tests (PUT /_dev/faults). Rates are probabilities per Graph request. */
export interface FaultSettings {
  throttleRate: number;
  unavailableRate: number;
  delayMs: number;
  retryAfterSeconds: number;
  /** Regular expression over the Graph path (e.g. '^/v1.0/users'); null = every Graph route. */
  pathPattern: string | null;
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

const NONE: FaultSettings = { throttleRate: 0, unavailableRate: 0, delayMs: 0, retryAfterSeconds: 1, pathPattern: null, seed: 1 };

export function createFaultController(): FaultController {
  let settings: FaultSettings = { ...NONE };
  let pattern: RegExp | null = null;
  let prng: Prng = createPrng(settings.seed);
  return {
    get settings() {
      return settings;
    },
    configure(next) {
      settings = { ...NONE, ...next };
      pattern = settings.pathPattern ? new RegExp(settings.pathPattern) : null;
      prng = createPrng(settings.seed);
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
      const roll = prng.next();
      if (roll < settings.throttleRate) return { fault: { kind: 'throttle', retryAfterSeconds: settings.retryAfterSeconds }, delayMs };
      if (roll < settings.throttleRate + settings.unavailableRate) return { fault: { kind: 'unavailable', retryAfterSeconds: settings.retryAfterSeconds }, delayMs };
      return { fault: null, delayMs };
    },
  };
}
