/** Where the bot logs; a pino logger fits as it is. */
export interface BotLogger {
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

/** Used when the host passes no logger, so a fault is never silent. */
export const consoleLogger: BotLogger = {
  warn: (details, message) => console.warn(message, details),
  error: (details, message) => console.error(message, details),
};
