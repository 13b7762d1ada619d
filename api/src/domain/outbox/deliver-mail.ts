import type { Clock } from '../shared/tenant-scope.js';
import type { OutboxLogger, TargetHandler } from './create-outbox.js';
import type { OutboxStore } from './outbox.js';
import { sendUnkeyed } from './send-unkeyed.js';
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
 * Delivers `mail:{key}` targets. Graph's sendMail takes no idempotency key (see sendUnkeyed): a crash within one
 * Graph round trip sends the mail again, because losing an approval request is worse than a second copy; the copy
 * carries the same idempotency header.
 */
export function createMailDelivery(deps: MailDeliveryDeps): TargetHandler {
  return async (scope, target, items, claim) => {
    let mailsSent = 0;
    for (const item of items) {
      if (item.intent.kind !== 'mail.send') continue;
      const { mail } = item.intent;
      await sendUnkeyed(
        deps,
        scope,
        target,
        item,
        claim,
        'a mail whose sending was interrupted is sent again; it may arrive twice',
        () =>
          deps.mail.sendMail(scope, { ...mail, headers: { ...mail.headers, [IDEMPOTENCY_HEADER]: item.id } }),
      );
      mailsSent += 1;
    }
    return { mailsSent };
  };
}
