export { createBotHandler, type BotConfig, type BotRequest, type BotResponse } from './bot-handler.js';
export type { BotLogger } from './logger.js';
export type { BotActor, BotSession, CampusBotPorts, RegistrationOutcome } from './ports.js';
