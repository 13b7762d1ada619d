import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_CLIENT_ID, DEV_CLIENT_SECRET, GRAPH_RESOURCE, buildDevTenant } from '../../index.js';
import { MEGAN_BOWEN_ID, NESTOR_WILKE_ID, PATTI_FERNANDEZ_ID } from '../../seed/personas.js';
import type { TenantState } from '../../state.js';

// The calendar and mail plugins as the real core mounts them: Entra tokens, the Graph auth hook and /me.
let app: FastifyInstance;
let state: TenantState;
let tenantId: string;

beforeAll(async () => {
  ({ app, state, tenantId } = await buildDevTenant({ size: 60 }));
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

async function appToken(): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `/${tenantId}/oauth2/v2.0/token`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: DEV_CLIENT_ID,
      client_secret: DEV_CLIENT_SECRET,
      scope: 'https://graph.microsoft.com/.default',
    }).toString(),
  });
  expect(response.statusCode).toBe(200);
  return response.json().access_token as string;
}

async function userToken(user: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/_dev/token',
    payload: { user, audience: GRAPH_RESOURCE },
  });
  expect(response.statusCode).toBe(200);
  return response.json().access_token as string;
}

describe('calendar and mail behind the dev tenant core', () => {
  it('books a Teams meeting with an app token, idempotently, and invites the attendee', async () => {
    const megan = state.users.get(MEGAN_BOWEN_ID)!;
    const headers = { authorization: `Bearer ${await appToken()}` };
    const payload = {
      subject: 'Campus: SAP purchase-to-pay walkthrough',
      start: { dateTime: '2030-05-06T10:00:00', timeZone: 'Pacific Standard Time' },
      end: { dateTime: '2030-05-06T11:00:00', timeZone: 'Pacific Standard Time' },
      attendees: [{ type: 'required', emailAddress: { address: megan.mail } }],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      transactionId: 'campus-wiring-1',
    };
    const url = `/v1.0/users/${NESTOR_WILKE_ID}/events`;
    const first = await app.inject({ method: 'POST', url, headers, payload });
    const retry = await app.inject({ method: 'POST', url, headers, payload });
    expect(first.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    expect(first.json().onlineMeeting.joinUrl).toContain(
      encodeURIComponent(`"Tid":"${tenantId}"`).toLowerCase(),
    );

    const invitations = await app.inject({
      method: 'GET',
      url: `/_dev/outbox?kind=meetingRequest&eventId=${encodeURIComponent(first.json().id)}`,
    });
    expect(
      invitations.json().value.map((message: { toAddresses: string[] }) => message.toAddresses[0]),
    ).toEqual([megan.mail]);
    const megansCalendar = await app.inject({
      method: 'GET',
      url: `/_dev/calendars/${MEGAN_BOWEN_ID}/events`,
    });
    expect(
      megansCalendar
        .json()
        .value.some(
          (event: { seriesOrganizerEventId: string }) => event.seriesOrganizerEventId === first.json().id,
        ),
    ).toBe(true);
  });

  it('serves /me for a delegated user: calendarView of the seeded mailbox and sendMail', async () => {
    const headers = { authorization: `Bearer ${await userToken(PATTI_FERNANDEZ_ID)}` };
    const seeded = [...state.events.values()].filter((event) => event.ownerId === PATTI_FERNANDEZ_ID).length;
    const view = await app.inject({
      method: 'GET',
      url: '/v1.0/me/calendarView?startDateTime=2000-01-01T00:00:00Z&endDateTime=2100-01-01T00:00:00Z&$top=50',
      headers,
    });
    expect(view.statusCode).toBe(200);
    expect(view.json().value).toHaveLength(seeded);

    const sent = await app.inject({
      method: 'POST',
      url: '/v1.0/me/sendMail',
      headers,
      payload: {
        message: {
          subject: 'Hello',
          body: { contentType: 'Text', content: 'Hi' },
          toRecipients: [{ emailAddress: { address: 'someone@fabrikam.example' } }],
        },
      },
    });
    expect(sent.statusCode).toBe(202);
    const outbox = await app.inject({
      method: 'GET',
      url: '/_dev/outbox?kind=sendMail&to=someone@fabrikam.example',
    });
    expect(outbox.json().value[0].fromUserId).toBe(PATTI_FERNANDEZ_ID);
  });

  it('refuses a delegated user writing a colleague’s calendar', async () => {
    const headers = { authorization: `Bearer ${await userToken(PATTI_FERNANDEZ_ID)}` };
    const response = await app.inject({
      method: 'GET',
      url: `/v1.0/users/${NESTOR_WILKE_ID}/events`,
      headers,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('ErrorAccessDenied');
  });
});
