/** Where the bot logs; a pino logger fits as it is. */
export interface BotLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

/** Used when the host passes no logger, so a fault is never silent. */
export const consoleLogger: BotLogger = {
  info: (details, message) => console.info(message, details),
  warn: (details, message) => console.warn(message, details),
  error: (details, message) => console.error(message, details),
};
