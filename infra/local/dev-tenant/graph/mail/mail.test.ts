import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { TenantState } from '../../state.js';
import {
  ATTENDEE_NY,
  COLLEAGUE,
  EXTERNAL,
  ORGANIZER,
  WRITER,
  appCaller,
  as,
  delegatedCaller,
  useFreshHarness,
} from '../calendar/test-harness.js';

const SENDER = as(appCaller('Mail.Send'));

const card = JSON.stringify({
  type: 'AdaptiveCard',
  version: '1.4',
  originator: 'campus-originator-id',
  body: [{ type: 'TextBlock', text: 'Approve Noah for "TypeScript generics"?' }],
  actions: [
    { type: 'Action.Http', title: 'Approve', method: 'POST', url: 'https://campus.example/approvals/1' },
  ],
});
const approvalHtml = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><script type="application/adaptivecard+json">${card}</script></head><body><p>Please approve.</p></body></html>`;

function mail(overrides: Record<string, unknown> = {}) {
  return {
    message: {
      subject: 'Approval needed: Noah Baker',
      body: { contentType: 'HTML', content: approvalHtml },
      toRecipients: [{ emailAddress: { address: COLLEAGUE.mail } }],
      ccRecipients: [{ emailAddress: { address: EXTERNAL } }],
      internetMessageHeaders: [{ name: 'x-campus-approval', value: '1' }],
      ...overrides,
    },
    saveToSentItems: false,
  };
}

let state: TenantState;
let app: FastifyInstance;
useFreshHarness((harness) => ({ state, app } = harness));

const send = (payload: unknown, headers = SENDER, user = ORGANIZER.userPrincipalName) =>
  app.inject({
    method: 'POST',
    url: `/v1.0/users/${user}/sendMail`,
    headers,
    payload: payload as Record<string, unknown>,
  });

describe('POST /users/{id}/sendMail', () => {
  it('answers 202 with no body and keeps the whole message, Adaptive Card included', async () => {
    const response = await send(mail());
    expect(response.statusCode).toBe(202);
    expect(response.body).toBe('');
    expect(state.outbox).toHaveLength(1);
    const sent = state.outbox[0]!;
    expect(sent).toMatchObject({
      kind: 'sendMail',
      fromUserId: ORGANIZER.id,
      toAddresses: [COLLEAGUE.mail, EXTERNAL],
      subject: 'Approval needed: Noah Baker',
      eventId: null,
    });
    expect(sent.body).toEqual({ contentType: 'html', content: approvalHtml });
    const raw = sent.raw as { body: { content: string }; internetMessageHeaders: unknown[] };
    const script = /<script type="application\/adaptivecard\+json">([\s\S]*?)<\/script>/.exec(
      raw.body.content,
    )?.[1];
    expect(JSON.parse(script ?? 'null')).toEqual(JSON.parse(card));
    expect(raw.internetMessageHeaders).toEqual([{ name: 'x-campus-approval', value: '1' }]);
  });

  it.each([
    ['no recipients', mail({ toRecipients: [], ccRecipients: [] }), 'ErrorInvalidRecipients'],
    [
      'a malformed address',
      mail({ toRecipients: [{ emailAddress: { address: 'not-an-address' } }] }),
      'ErrorInvalidRecipients',
    ],
    [
      'a recipient without address',
      mail({ toRecipients: [{ emailAddress: { name: 'Nobody' } }] }),
      'ErrorInvalidRecipients',
    ],
    [
      'a header that is not x-',
      mail({ internetMessageHeaders: [{ name: 'Subject', value: 'x' }] }),
      'InvalidInternetMessageHeader',
    ],
    ['no message', { saveToSentItems: true }, 'ErrorInvalidRequest'],
  ])('rejects %s in Graph’s error shape and sends nothing', async (_name, payload, code) => {
    const response = await send(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code,
      message: expect.any(String),
      innerError: { 'request-id': expect.any(String) },
    });
    expect(state.outbox).toHaveLength(0);
  });

  it('requires Mail.Send', async () => {
    const response = await send(mail(), as(appCaller('Calendars.ReadWrite', 'Mail.Read')));
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('ErrorAccessDenied');
  });

  it('lets a delegated user send as themselves only', async () => {
    const caller = as(delegatedCaller(ORGANIZER.id, 'Mail.Send'));
    expect((await send(mail(), caller)).statusCode).toBe(202);
    const other = await send(mail(), caller, COLLEAGUE.id);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('ErrorAccessDenied');
  });
});

describe('/_dev outbox and calendars', () => {
  async function seedMessages() {
    await send(mail());
    await app.inject({
      method: 'POST',
      url: `/v1.0/users/${ORGANIZER.id}/events`,
      headers: WRITER,
      payload: {
        subject: 'Session',
        start: { dateTime: '2026-04-01T10:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-04-01T11:00:00', timeZone: 'UTC' },
        attendees: [
          { emailAddress: { address: ATTENDEE_NY.mail } },
          { emailAddress: { address: COLLEAGUE.mail } },
        ],
      },
    });
  }

  it('filters by recipient (any case), kind and event, oldest first', async () => {
    await seedMessages();
    const toColleague = (
      await app.inject({ method: 'GET', url: `/_dev/outbox?to=${COLLEAGUE.mail.toUpperCase()}` })
    ).json().value;
    expect(toColleague.map((message: { kind: string }) => message.kind)).toEqual([
      'sendMail',
      'meetingRequest',
    ]);
    const requests = (await app.inject({ method: 'GET', url: '/_dev/outbox?kind=meetingRequest' })).json()
      .value;
    expect(requests).toHaveLength(2);
    const eventId = requests[0].eventId as string;
    const forEvent = (
      await app.inject({
        method: 'GET',
        url: `/_dev/outbox?eventId=${encodeURIComponent(eventId)}&to=${ATTENDEE_NY.mail}`,
      })
    ).json().value;
    expect(forEvent).toHaveLength(1);
    expect(forEvent[0].toAddresses).toEqual([ATTENDEE_NY.mail]);
    const badKind = await app.inject({ method: 'GET', url: '/_dev/outbox?kind=fax' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.code).toBe('InvalidKind');
  });

  it('clears the outbox', async () => {
    await seedMessages();
    const cleared = await app.inject({ method: 'DELETE', url: '/_dev/outbox' });
    expect(cleared.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/_dev/outbox' })).json().value).toEqual([]);
  });

  it('lists every copy in a mailbox by id or UPN', async () => {
    await seedMessages();
    const organizer = (
      await app.inject({ method: 'GET', url: `/_dev/calendars/${ORGANIZER.userPrincipalName}/events` })
    ).json().value;
    expect(organizer).toHaveLength(1);
    const attendee = (
      await app.inject({ method: 'GET', url: `/_dev/calendars/${ATTENDEE_NY.id}/events` })
    ).json().value;
    expect(attendee).toHaveLength(1);
    expect(attendee[0]).toMatchObject({
      ownerId: ATTENDEE_NY.id,
      isOrganizer: false,
      seriesOrganizerEventId: organizer[0].id,
    });
    const unknown = await app.inject({ method: 'GET', url: '/_dev/calendars/ghost@nowhere.example/events' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('UserNotFound');
  });
});
