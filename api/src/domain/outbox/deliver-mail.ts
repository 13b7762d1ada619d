import type { Clock } from '../shared/tenant-scope.js';
import type { OutboxLogger, TargetHandler } from './create-outbox.js';
import type { OutboxStore } from './outbox.js';
import type { MailGateway } from './outgoing-mail.js';

/** Header carrying the outbox key on every mail, so a duplicate (see below) can be recognised by its recipient's tools. */
export const IDEMPOTENCY_HEADER = 'x-campus-idempotency-key';

export interface MailDeliveryDeps {
  mail: MailGateway;
  store: OutboxStore;
  clock: Clock;
  logger: OutboxLogger;
}

/**
 * Delivers `mail:{key}` targets. Graph's sendMail takes no idempotency key, so the item is marked 'sending'
 * right before the call and 'done' right after it (the outbox writes that as soon as this returns), with no
 * other work in between. A crash between the two leaves 'sending': Graph may or may not have accepted the mail,
 * and the next holder sends it again, because losing an approval request is worse than a second copy
 * (at-least-once). The window is one Graph round trip; the copy carries the same idempotency header.
 */
export function createMailDelivery(deps: MailDeliveryDeps): TargetHandler {
  return async (scope, target, items, claim) => {
    let mailsSent = 0;
    for (const item of items) {
      if (item.intent.kind !== 'mail.send') continue;
      if (item.status === 'sending') {
        deps.logger.warn(
          { tenantId: scope.tenantId, target },
          'a mail whose sending was interrupted is sent again; it may arrive twice',
        );
      }
      await deps.store.update(scope, [item.id], { status: 'sending', updatedAt: deps.clock.now() });
      const { mail } = item.intent;
      claim.assertHeld();
      await deps.mail.sendMail(scope, {
        ...mail,
        headers: { ...mail.headers, [IDEMPOTENCY_HEADER]: item.id },
      });
      mailsSent += 1;
    }
    return { mailsSent };
  };
}
