import type { AdaptiveCard, BotConversationReference, ProactiveMessenger } from '@campus/bot';
import {
  createOutbox,
  type DeliveryReport,
  type OutboxDeps,
  type OutboxLogger,
  type TargetHandler,
} from '../../domain/outbox/create-outbox.js';
import type { OutboxStore } from '../../domain/outbox/outbox.js';
import { sendUnkeyed } from '../../domain/outbox/send-unkeyed.js';
import type { Clock, TenantScope } from '../../domain/shared/tenant-scope.js';

/** One card for one person's remembered Teams chat. */
export interface TeamsPost {
  userId: string;
  reference: BotConversationReference;
  card: AdaptiveCard;
}

/**
 * Teams messages Campus posts on its own (notices to employees, approval cards to supervisors), kept in a durable
 * outbox and posted by a worker, never inside the request that caused them.
 */
export interface TeamsOutbox {
  /**
   * Records the post under `key` (unique per change it reports; recording it again records nothing) and wakes
   * the worker without waiting for it. Throws only when the store cannot record it.
   */
  record(scope: TenantScope, key: string, post: TeamsPost): Promise<'inserted' | 'duplicate'>;
  /** The worker's pass: posts what is due, up to `limit` people at a time, retrying what failed transiently. */
  processDue(limit: number): Promise<DeliveryReport>;
  /** Resolves when no pass this process started is running (shutdown, tests). */
  idle(): Promise<void>;
}

export interface TeamsOutboxDeps {
  /** The outbox store over its own collection (createOutboxStore(db, 'teamsOutbox')). */
  store: OutboxStore;
  teams: ProactiveMessenger;
  clock: Clock;
  /** Names this process as a claim holder. */
  holderId: string;
  logger: OutboxLogger;
  /** Posts a woken pass takes on; the rest wait for the next pass. */
  batch?: number;
  /** Test seams of the outbox: jitter, the claim heartbeat and its time to live. */
  timing?: Pick<OutboxDeps, 'random' | 'heartbeat' | 'claimTtlMs'>;
}

const DEFAULT_BATCH = 100;

/**
 * Posts one `teams:{key}` target through sendUnkeyed: the Bot Framework takes no idempotency key for a new activity,
 * so a crash between the post and the outbox's 'done' makes that person see the card twice.
 */
function createTeamsDelivery(deps: TeamsOutboxDeps): TargetHandler {
  return async (scope, target, items, claim) => {
    for (const item of items) {
      if (item.intent.kind !== 'teams.post') continue;
      const post = item.intent;
      await sendUnkeyed(
        deps,
        scope,
        target,
        item,
        claim,
        'a Teams post whose sending was interrupted is posted again; it may show twice',
        () =>
          deps.teams.sendCard(
            post.reference as BotConversationReference,
            JSON.parse(post.cardJson) as AdaptiveCard,
          ),
      );
    }
    return {};
  };
}

/**
 * The Teams outbox on the Graph outbox's engine: one target per post (`teams:{key}`), so one person's refusal or
 * throttling holds back nobody else; claims, backoff honouring Retry-After, at most 20 posts at once and the give-up
 * rules are the outbox's. A 403 or 404 (bot removed, chat gone) is given up at once and logged.
 */
export function createTeamsOutbox(deps: TeamsOutboxDeps): TeamsOutbox {
  const batch = deps.batch ?? DEFAULT_BATCH;
  const outbox = createOutbox({
    store: deps.store,
    clock: deps.clock,
    holderId: deps.holderId,
    logger: deps.logger,
    handlers: { teams: createTeamsDelivery(deps) },
    destination: 'Teams',
    ...deps.timing,
  });
  let running: Promise<unknown> | null = null;
  let again = false;

  /** One pass at a time from wake-ups; a wake-up during a pass asks for one more after it. */
  function wake(): void {
    if (running) {
      again = true;
      return;
    }
    again = false;
    running = outbox
      .processDue(batch)
      .catch((error: unknown) => {
        deps.logger.warn(
          { err: { message: error instanceof Error ? error.message : String(error) } },
          'Teams outbox pass failed; the worker retries',
        );
      })
      .finally(() => {
        running = null;
        if (again) wake();
      });
  }

  return {
    async record(scope, key, post) {
      const recorded = await outbox.enqueue(scope, `${scope.tenantId}:teams:${key}`, `teams:${key}`, {
        kind: 'teams.post',
        userId: post.userId,
        reference: post.reference,
        cardJson: JSON.stringify(post.card),
      });
      if (recorded === 'inserted') wake();
      return recorded;
    },
    processDue: (limit) => outbox.processDue(limit),
    async idle() {
      while (running) await running;
      await outbox.idle();
    },
  };
}
