import type { TenantScope } from '../shared/tenant-scope.js';
import type { OutgoingMail } from './outgoing-mail.js';

/**
 * What an outbox item asks of Microsoft Graph, or of Teams: a card posted through the bot into a conversation it
 * remembered (the bot's reference, opaque here, and the card as JSON text: a card's `$schema` cannot be a field
 * name in the store). Event intents name the session: their effect is computed from it.
 */
export type OutboxIntent =
  | { kind: 'event.create'; sessionId: string }
  | { kind: 'event.attendees'; sessionId: string }
  | { kind: 'event.update'; sessionId: string }
  | { kind: 'event.cancel'; sessionId: string; message: string }
  | { kind: 'mail.send'; mail: OutgoingMail }
  | { kind: 'teams.post'; userId: string; reference: object; cardJson: string };

/**
 * pending: waits for delivery (due at nextAttemptAt); sending: a mail whose Graph call began and whose outcome
 * was not recorded; done: delivered; failed: given up (a refusal that kept coming back, or too many attempts).
 */
export type OutboxStatus = 'pending' | 'sending' | 'done' | 'failed';

/** One durable intent to write to Graph. */
export interface OutboxItem {
  /** The idempotency key: recording the same key again records nothing. */
  id: string;
  tenantId: string;
  /**
   * Items of one target are delivered by one process at a time, together: `event:{sessionId}` (every write to
   * one Outlook event is serialized, since each replaces the whole attendee list) or `mail:{key}`.
   */
  target: string;
  intent: OutboxIntent;
  status: OutboxStatus;
  /** Delivery attempts that failed so far. */
  attempts: number;
  /** Not delivered before this time (backoff, Graph's Retry-After). */
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What delivery changes on items. */
export type OutboxItemChanges = Partial<
  Pick<OutboxItem, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError'>
> & {
  updatedAt: Date;
};

/**
 * What Graph is known to hold for an event target, so a replayed or redundant intent costs no Graph call:
 * attendees last sent (lower-cased addresses, sorted; null = unknown), a fingerprint of the details last sent,
 * whether a create was ever attempted (an unrecorded create may have landed) and whether the cancel was sent.
 */
export interface DeliveredState {
  attendees: string[] | null;
  details: string | null;
  createAttempted: boolean;
  cancelled: boolean;
}

/**
 * Durable outbox on the store. Items and target states are written only by the holder of the target's claim,
 * so their updates need no atomicity; claims themselves rest on inserts into a unique index.
 */
export interface OutboxStore {
  /** Records an item unless its id exists (unique index). */
  insert(item: OutboxItem): Promise<'inserted' | 'duplicate'>;
  /** The target's pending and sending items, oldest first. */
  listOpenByTarget(scope: TenantScope, target: string): Promise<OutboxItem[]>;
  /** Targets with an open item due at `now`, across tenants, longest overdue first. */
  listDueTargets(now: Date, limit: number): Promise<Array<{ tenantId: string; target: string }>>;
  update(scope: TenantScope, itemIds: string[], changes: OutboxItemChanges): Promise<void>;
  /** Removes items done before `before`; returns how many. */
  purgeDone(before: Date, limit: number): Promise<number>;
  findDelivered(scope: TenantScope, target: string): Promise<DeliveredState | null>;
  saveDelivered(scope: TenantScope, target: string, state: DeliveredState): Promise<void>;
  /** Takes the target's claim for ttlMs unless someone holds it; exactly one of racing claimers wins. */
  claim(scope: TenantScope, target: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Extends a claim still held; false when it has ended (expired, or taken over). */
  renewClaim(scope: TenantScope, target: string, holder: string, ttlMs: number): Promise<boolean>;
  releaseClaim(scope: TenantScope, target: string, holder: string): Promise<void>;
}
