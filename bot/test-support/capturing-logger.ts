import type { BotLogger } from '../src/logger.js';

/** A logger that keeps its entries, so a test can check that a fault was logged rather than lost. */
export function createCapturingLogger(): BotLogger & {
  entries: { level: string; details: Record<string, unknown>; message: string }[];
} {
  const entries: { level: string; details: Record<string, unknown>; message: string }[] = [];
  return {
    entries,
    warn: (details, message) => entries.push({ level: 'warn', details, message }),
    error: (details, message) => entries.push({ level: 'error', details, message }),
  };
}
