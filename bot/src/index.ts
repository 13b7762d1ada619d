export { createBotHandler, type BotConfig, type BotRequest, type BotResponse } from './bot-handler.js';
export type { BotLogger } from './logger.js';
export type * from './ports.js';
export type { AdaptiveCard } from './cards/adaptive-card.js';
export { buildApprovalCard, type ApprovalCardHost } from './cards/approval-card.js';
export { buildRegistrationNoticeCard } from './cards/registration-notice.js';
export { createProactiveMessenger, ProactiveSendError, type ProactiveMessenger } from './proactive.js';
