import type { TenantScope } from '../shared/tenant-scope.js';

/**
 * Where Campus can post to a person in Teams: the personal chat they have with the bot, as the bot saw it when they
 * installed it or wrote to it. Teams lets a bot post proactively only into a conversation it knows; without one,
 * approval requests reach the person by mail alone.
 */
export interface TeamsConversation {
  tenantId: string;
  userId: string;
  /** The Bot Framework conversation reference, kept as the bot gave it. */
  reference: Record<string, unknown>;
  updatedAt: Date;
}

export interface TeamsConversationStore {
  /** Keeps the latest conversation of the person (one per person). */
  save(conversation: TeamsConversation): Promise<void>;
  find(scope: TenantScope, userId: string): Promise<TeamsConversation | null>;
}
