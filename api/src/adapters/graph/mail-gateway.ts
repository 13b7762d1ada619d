import type { MailGateway, OutgoingMail } from '../../domain/outbox/outgoing-mail.js';
import type { GraphGateway } from './graph-gateway.js';
import { gatewayFor, segment } from './graph-scope.js';
import { writeBatcherFor } from './write-batcher.js';

/** Graph's sendMail body for a Campus mail. */
export function toSendMailBody(mail: OutgoingMail): object {
  const headers = Object.entries(mail.headers ?? {}).map(([name, value]) => ({ name, value }));
  return {
    message: {
      subject: mail.subject,
      body: mail.body,
      toRecipients: mail.to.map((recipient) => ({
        emailAddress: { address: recipient.email, ...(recipient.name ? { name: recipient.name } : {}) },
      })),
      ...(headers.length > 0 ? { internetMessageHeaders: headers } : {}),
    },
    saveToSentItems: true,
  };
}

/** Mail sent as a tenant mailbox (Mail.Send, application permission); mails sent together share $batch calls. */
export function createMailGateway(gateway: GraphGateway): MailGateway {
  const writes = writeBatcherFor(gateway);
  return {
    async sendMail(scope, mail) {
      gatewayFor(gateway, scope);
      await writes.send({
        method: 'POST',
        path: `/users/${segment(mail.fromUserId)}/sendMail`,
        body: toSendMailBody(mail),
      });
    },
  };
}
