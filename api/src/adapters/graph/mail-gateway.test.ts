/** The mail adapter against the dev tenant started by tests/support/dev-tenant.global.ts. */
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import type {} from '../../../../tests/support/provided-context.js';
import { MEGAN_BOWEN_ID, PATTI_FERNANDEZ_ID } from '../../../../infra/local/dev-tenant/seed/personas.js';
import { createGraphGateway } from './graph-gateway.js';
import { createMailGateway } from './mail-gateway.js';

const devTenant = inject('devTenant');
const scope = { tenantId: devTenant.tenantId };

interface SentMessage {
  kind: string;
  fromUserId: string;
  toAddresses: string[];
  subject: string;
  body: { contentType: string; content: string };
  raw: { internetMessageHeaders?: Array<{ name: string; value: string }> };
}

function mailGateway() {
  return createMailGateway(
    createGraphGateway({
      tenantId: devTenant.tenantId,
      clientId: devTenant.clientId,
      clientSecret: devTenant.clientSecret,
      authorityHost: devTenant.url,
      graphBaseUrl: devTenant.url,
    }),
  );
}

async function sentWithSubject(subject: string): Promise<SentMessage[]> {
  const response = await fetch(`${devTenant.url}/_dev/outbox?kind=sendMail`);
  const { value } = (await response.json()) as { value: SentMessage[] };
  return value.filter((message) => message.subject === subject);
}

describe('mail gateway', () => {
  it('sends an html mail from a tenant mailbox with its x- headers', async () => {
    const subject = `Approve Adele's session ${randomUUID()}`;
    await mailGateway().sendMail(scope, {
      fromUserId: PATTI_FERNANDEZ_ID,
      to: [{ email: 'MeganB@contoso-dev.onmicrosoft.com', name: 'Megan Bowen' }],
      subject,
      body: { contentType: 'html', content: '<p>Please decide.</p>' },
      headers: { 'x-campus-idempotency-key': 'k-1' },
    });
    const [sent, ...others] = await sentWithSubject(subject);
    expect(others).toEqual([]);
    expect(sent).toMatchObject({
      fromUserId: PATTI_FERNANDEZ_ID,
      toAddresses: ['MeganB@contoso-dev.onmicrosoft.com'],
      body: { contentType: 'html', content: '<p>Please decide.</p>' },
    });
    expect(sent!.raw.internetMessageHeaders).toEqual([{ name: 'x-campus-idempotency-key', value: 'k-1' }]);
  });

  it('reports a refused mail as a GraphRequestError naming the status', async () => {
    const error = await mailGateway()
      .sendMail(scope, {
        fromUserId: MEGAN_BOWEN_ID,
        to: [{ email: 'not an address' }],
        subject: 'x',
        body: { contentType: 'text', content: 'x' },
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'GraphRequestError',
      status: 400,
      graphCode: 'ErrorInvalidRecipients',
    });
  });
});
