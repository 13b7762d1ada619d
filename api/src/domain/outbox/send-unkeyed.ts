import type { Clock, TenantScope } from '../shared/tenant-scope.js';
import type { Claim, OutboxLogger } from './create-outbox.js';
import type { OutboxItem, OutboxStore } from './outbox.js';

export interface UnkeyedSendDeps {
  store: OutboxStore;
  clock: Clock;
  logger: OutboxLogger;
}

/**
 * Makes a send the receiver takes no idempotency key for (Graph's sendMail, a new Bot Framework activity): the item
 * is marked 'sending' right before it and 'done' by the outbox right after, with nothing in between. A crash between
 * the two leaves 'sending', and the next holder sends again (at-least-once: losing it is worse than a second copy),
 * saying `resentWarning` in the log.
 */
export async function sendUnkeyed(
  deps: UnkeyedSendDeps,
  scope: TenantScope,
  target: string,
  item: OutboxItem,
  claim: Claim,
  resentWarning: string,
  send: () => Promise<unknown>,
): Promise<void> {
  if (item.status === 'sending') deps.logger.warn({ tenantId: scope.tenantId, target }, resentWarning);
  await deps.store.update(scope, [item.id], { status: 'sending', updatedAt: deps.clock.now() });
  claim.assertHeld();
  await send();
}
