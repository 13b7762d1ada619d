/**
 * Supervisor approval on the real server, the real dev tenant and FerretDB: Adele Vance (who reports to Megan Bowen)
 * registers for sessions that need her supervisor's approval. Megan decides from the Outlook mail (the actionable
 * card's Action.Execute reaches the bot through its Outlook channel: an `adaptiveCard/action` invoke with channelId
 * 'outlook') and from the same card in Teams (channelId 'msteams'), both as real HTTP POSTs to /api/messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADELE_VANCE_ID,
  ALEX_WILBER_ID,
  MEGAN_BOWEN_ID,
  NESTOR_WILKE_ID,
  PATTI_FERNANDEZ_ID,
} from '@campus/infra/dev-tenant/personas';
import { validateAdaptiveCard } from '@campus/bot/test-support/adaptive-card-schema';
import { startFakeConnector, type FakeConnector } from '@campus/bot/test-support/fake-connector';
import { validateOutlookCard } from '@campus/bot/test-support/outlook-card-schema';
import { apiClient, startCampus, tokenFor, type CampusUnderTest } from '../support/campus-server.js';

type Client = ReturnType<typeof apiClient>;
type Card = Record<string, unknown> & { actions?: Array<{ verb?: string; data?: Record<string, string> }> };

const ORIGINATOR = '2d6f1a3b-5c4e-4f70-8a9b-0c1d2e3f4a5b';
const PUBLIC_URL = 'https://campus.e2e.test';

/** Reads until `done` holds: for work the server finishes after answering. The test's timeout bounds it. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function cardOfHtml(html: string): Card {
  const match = /<script type="application\/adaptivecard\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('the mail carries no actionable card');
  return JSON.parse(match[1]!) as Card;
}

/** The data of the card's Approve button (its signed approval id), which Decline shares. */
function buttonData(card: Card): Record<string, string> {
  const approve = card.actions?.find((action) => action.verb === 'approveRegistration');
  if (!approve?.data) throw new Error('the card has no Approve button');
  return approve.data;
}

describe('supervisor approval, end to end', () => {
  let campus: CampusUnderTest;
  let connector: FakeConnector;
  let asOrganizer: Client;
  const clients = new Map<string, Client>();
  const mails = new Map<string, string>();
  let nextDay = 4;

  async function as(userId: string): Promise<Client> {
    if (!clients.has(userId))
      clients.set(userId, apiClient(campus.url, await tokenFor(campus.devTenant, userId)));
    return clients.get(userId)!;
  }

  async function mailOf(userId: string): Promise<string> {
    if (!mails.has(userId))
      mails.set(userId, (await (await as(userId))<{ mail: string }>('GET', '/api/me')).body.mail);
    return mails.get(userId)!;
  }

  async function createSession(
    title: string,
    options: { capacity?: number; minutes?: number; start?: Date } = {},
  ): Promise<string> {
    const start =
      options.start ??
      new Date(`${new Date(Date.now() + nextDay++ * 86_400_000).toISOString().slice(0, 10)}T16:00:00Z`);
    const end = new Date(start.getTime() + (options.minutes ?? 60) * 60_000);
    const local = (instant: Date) => ({ dateTime: instant.toISOString().slice(0, 19), timeZone: 'UTC' });
    const created = await asOrganizer<{ id: string }>('POST', '/api/sessions', {
      title,
      abstract: 'Peer session that needs a supervisor to approve the time away.',
      presenterId: NESTOR_WILKE_ID,
      start: local(start),
      end: local(end),
      capacity: options.capacity ?? 5,
      online: true,
      approval: 'supervisor',
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  async function register(
    userId: string,
    sessionId: string,
  ): Promise<{ status: string; approval?: Record<string, unknown> | null }> {
    const response = await (
      await as(userId)
    )<{ status: string; approval?: Record<string, unknown> | null }>(
      'POST',
      `/api/sessions/${sessionId}/registrations`,
    );
    expect(response.status).toBe(201);
    return response.body;
  }

  async function statusOf(
    userId: string,
    sessionId: string,
  ): Promise<{ status: string; invite: string; approval: unknown } | undefined> {
    const mine = await (
      await as(userId)
    )<{
      sessions: Array<{
        session: { id: string };
        registration: { status: string; invite: string; approval: unknown };
      }>;
    }>('GET', '/api/me/sessions');
    return mine.body.sessions.find((item) => item.session.id === sessionId)?.registration;
  }

  /** Mails sent to `userId` through Graph sendMail, as the dev tenant's outbox keeps them. */
  async function mailTo(
    userId: string,
    subjectIncludes: string,
  ): Promise<Array<{ subject: string; body: { content: string }; fromUserId: string }>> {
    const response = await fetch(
      `${campus.devTenant.url}/_dev/outbox?to=${encodeURIComponent(await mailOf(userId))}&kind=sendMail`,
    );
    const { value } = (await response.json()) as {
      value: Array<{ subject: string; body: { content: string }; fromUserId: string }>;
    };
    return value.filter((message) => message.subject.includes(subjectIncludes));
  }

  /** The approval card mailed to `userId` for the session titled `title` (waits for the outbox to deliver it). */
  async function mailedCard(userId: string, title: string): Promise<Card> {
    const [mail] = await eventually(
      () => mailTo(userId, title),
      (found) => found.some((message) => message.subject.startsWith('Approve')),
    );
    return cardOfHtml(mail!.body.content);
  }

  /** The approval card posted into Megan's Teams chat for `title` (waits for the Teams outbox's worker to post it). */
  async function teamsCardToMegan(title: string): Promise<Card> {
    const posted = await eventually(
      async () =>
        connector.calls.find(
          (call) =>
            call.path.includes(encodeURIComponent('a:megan-personal-chat')) &&
            JSON.stringify(call.body).includes(title),
        ),
      (call) => call !== undefined,
    );
    return (posted!.body.attachments as Array<{ content: Card }>)[0]!.content;
  }

  /** An Action.Execute press, as the channel would POST it to the bot endpoint. */
  async function press(
    channel: 'outlook' | 'msteams',
    userId: string,
    verb: string,
    data: Record<string, string>,
  ) {
    const teams = channel === 'msteams';
    const activity = {
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: `activity-${Math.random().toString(36).slice(2)}`,
      channelId: channel,
      serviceUrl: connector.serviceUrl,
      from: { id: teams ? `29:${userId}` : userId, name: 'Presser', aadObjectId: userId },
      conversation: teams
        ? { id: `a:personal-${userId}`, conversationType: 'personal', tenantId: campus.devTenant.tenantId }
        : { id: `outlook-${userId}`, tenantId: campus.devTenant.tenantId },
      recipient: { id: '28:campus-bot', name: 'Campus' },
      channelData: teams ? { tenant: { id: campus.devTenant.tenantId } } : {},
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    };
    const response = await fetch(`${campus.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { statusCode: number; type: string; value: Card };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    return body.value;
  }

  beforeAll(async () => {
    connector = await startFakeConnector();
    campus = await startCampus({
      env: {
        PUBLIC_URL,
        CAMPUS_ACTIONABLE_ORIGINATOR: ORIGINATOR,
        CAMPUS_APPROVAL_WORKER_INTERVAL_MS: '200',
        CAMPUS_APPROVAL_EXPIRY_LEAD_MINUTES: '30',
      },
    });
    asOrganizer = await as(PATTI_FERNANDEZ_ID);
    // Megan has Campus installed in Teams: the bot keeps her personal chat to post approval cards into.
    const installed = await fetch(`${campus.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'installationUpdate',
        action: 'add',
        id: 'install-megan',
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        from: { id: '29:megan-teams', name: 'Megan Bowen', aadObjectId: MEGAN_BOWEN_ID },
        conversation: {
          id: 'a:megan-personal-chat',
          conversationType: 'personal',
          tenantId: campus.devTenant.tenantId,
        },
        recipient: { id: '28:campus-bot', name: 'Campus' },
        channelData: { tenant: { id: campus.devTenant.tenantId } },
      }),
    });
    expect(installed.status).toBe(200);
  });
  afterAll(async () => {
    await connector?.close();
    await campus?.close();
  });

  it('mails Megan an actionable card, she approves from Outlook, and Adele is confirmed on the Outlook event', async () => {
    const title = 'Power BI for campaign reporting';
    const sessionId = await createSession(title);
    expect((await register(ADELE_VANCE_ID, sessionId)).status).toBe('pendingApproval');

    const card = await mailedCard(MEGAN_BOWEN_ID, title);
    expect(validateOutlookCard(card)).toEqual({ valid: true, errors: [], originator: ORIGINATOR });
    expect(card.version).toBe('1.4');
    const text = JSON.stringify(card);
    expect(text).toContain('Adele Vance');
    expect(text).toMatch(/P[SD]T/); // Megan's mailbox is in Pacific time
    expect(text).toContain('1 hour');
    expect(text).toContain(`${PUBLIC_URL}/?view=approvals`);
    const [mail] = await mailTo(MEGAN_BOWEN_ID, title);
    expect(mail!.body.content).toContain(`href="${PUBLIC_URL}/?view=approvals"`);

    // The same card went to Megan's Teams chat.
    const teamsCard = await teamsCardToMegan(title);
    expect(validateAdaptiveCard(teamsCard)).toEqual({ valid: true, errors: [] });
    expect(teamsCard).toMatchObject({ version: '1.5', refresh: { userIds: ['29:megan-teams'] } });

    const data = buttonData(card);
    const approved = await press('outlook', MEGAN_BOWEN_ID, 'approveRegistration', {
      ...data,
      comment: 'Enjoy the session',
    });
    expect(validateOutlookCard(approved)).toEqual({ valid: true, errors: [], originator: ORIGINATOR });
    expect(JSON.stringify(approved)).toContain('Megan Bowen approved');

    expect(
      await eventually(
        () => statusOf(ADELE_VANCE_ID, sessionId),
        (registration) => registration?.invite === 'sent',
      ),
    ).toMatchObject({ status: 'confirmed' });
    const adeleMail = (await mailOf(ADELE_VANCE_ID)).toLowerCase();
    const events = (await (
      await fetch(`${campus.devTenant.url}/_dev/calendars/${NESTOR_WILKE_ID}/events`)
    ).json()) as {
      value: Array<{ subject: string; attendees: Array<{ emailAddress: { address: string } }> }>;
    };
    const event = events.value.find((candidate) => candidate.subject.includes(title));
    expect(event?.attendees.map((attendee) => attendee.emailAddress.address.toLowerCase())).toContain(
      adeleMail,
    );
    expect(
      await eventually(
        () => mailTo(ADELE_VANCE_ID, title),
        (found) => found.length > 0,
      ),
    ).toEqual([expect.objectContaining({ subject: `Your registration for “${title}” was approved` })]);

    // A replay answers the same card and changes nothing.
    expect(
      await press('outlook', MEGAN_BOWEN_ID, 'approveRegistration', {
        ...data,
        comment: 'Enjoy the session',
      }),
    ).toEqual(approved);
    // Someone else's click on Megan's card is refused; so is edited card data.
    expect(JSON.stringify(await press('outlook', PATTI_FERNANDEZ_ID, 'declineRegistration', data))).toContain(
      'This request is not yours to decide',
    );
    expect(
      JSON.stringify(
        await press('outlook', MEGAN_BOWEN_ID, 'declineRegistration', {
          ...data,
          signature: `${data.signature!.slice(0, -3)}abc`,
        }),
      ),
    ).toContain('Campus could not verify this card');
    expect(await statusOf(ADELE_VANCE_ID, sessionId)).toMatchObject({ status: 'confirmed' });
    expect(await mailTo(ADELE_VANCE_ID, title)).toHaveLength(1);
  });

  it('Megan declines in Teams and the seat goes to the next person on the waitlist', async () => {
    const title = 'Salesforce pipeline hygiene';
    const sessionId = await createSession(title, { capacity: 1 });
    await register(ADELE_VANCE_ID, sessionId);
    expect((await register(ALEX_WILBER_ID, sessionId)).status).toBe('waitlisted');
    const teamsCard = await teamsCardToMegan(title);

    const declined = await press('msteams', MEGAN_BOWEN_ID, 'declineRegistration', {
      ...buttonData(teamsCard),
      comment: 'Quarter close that week',
    });
    expect(validateAdaptiveCard(declined)).toEqual({ valid: true, errors: [] });
    expect(JSON.stringify(declined)).toContain('Megan Bowen declined');
    expect(await statusOf(ADELE_VANCE_ID, sessionId)).toMatchObject({ status: 'declined' });
    expect(
      await eventually(
        () => statusOf(ALEX_WILBER_ID, sessionId),
        (registration) => registration?.status !== 'waitlisted',
      ),
    ).toMatchObject({ status: 'pendingApproval' });
  });

  it('a delegate decides in Megan’s name while the delegation lasts', async () => {
    const asMegan = await as(MEGAN_BOWEN_ID);
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString();
    expect(
      (
        await asMegan('PUT', '/api/me/approval-settings', {
          delegate: { userId: ALEX_WILBER_ID, until },
          rules: [],
        })
      ).status,
    ).toBe(200);
    const asAlex = await as(ALEX_WILBER_ID);
    expect((await asAlex<{ approvesFor: unknown[] }>('GET', '/api/me')).body.approvesFor).toEqual([
      { id: MEGAN_BOWEN_ID, displayName: 'Megan Bowen', until },
    ]);
    const title = 'SAP purchase orders explained';
    const sessionId = await createSession(title);
    const waiting = {
      approver: { id: MEGAN_BOWEN_ID, displayName: 'Megan Bowen' },
      delegate: { id: ALEX_WILBER_ID, displayName: 'Alex Wilber', until },
    };
    expect(await register(ADELE_VANCE_ID, sessionId)).toMatchObject({ status: 'pendingApproval' });
    // Adele's registration names who decides once Campus has found her approver (Graph's manager of Adele).
    const named = await eventually(
      () => statusOf(ADELE_VANCE_ID, sessionId),
      (registration) => Boolean(registration?.approval),
    );
    expect(named).toMatchObject({ status: 'pendingApproval', approval: waiting });

    const card = await mailedCard(ALEX_WILBER_ID, title);
    expect(validateOutlookCard(card)).toEqual({ valid: true, errors: [], originator: ORIGINATOR });
    expect(JSON.stringify(card)).toContain('You decide for Megan Bowen');
    const listed = await asAlex<{ approvals: Array<{ id: string; onBehalfOf: { id: string } | null }> }>(
      'GET',
      '/api/approvals',
    );
    expect(listed.body.approvals).toEqual([
      expect.objectContaining({ onBehalfOf: expect.objectContaining({ id: MEGAN_BOWEN_ID }) }),
    ]);

    expect(
      JSON.stringify(await press('outlook', ALEX_WILBER_ID, 'approveRegistration', buttonData(card))),
    ).toContain('Alex Wilber approved');
    expect(await statusOf(ADELE_VANCE_ID, sessionId)).toMatchObject({ status: 'confirmed' });
    const seen = await asMegan<{ decision: { decidedBy: { userId: string; via: string } } }>(
      'GET',
      `/api/approvals/${listed.body.approvals[0]!.id}`,
    );
    expect(seen.body.decision.decidedBy).toMatchObject({ userId: ALEX_WILBER_ID, via: 'delegate' });

    const decidedIds = async (client: Client) =>
      (
        await client<{ approvals: Array<{ id: string }> }>('GET', '/api/approvals/decided')
      ).body.approvals.map((item) => item.id);
    const decidedId = listed.body.approvals[0]!.id;
    expect(await decidedIds(asMegan)).toContain(decidedId);
    expect(await decidedIds(asAlex)).toContain(decidedId);

    expect((await asMegan('PUT', '/api/me/approval-settings', { delegate: null, rules: [] })).status).toBe(
      200,
    );
    expect((await asAlex<{ approvesFor: unknown[] }>('GET', '/api/me')).body.approvesFor).toEqual([]);
    // What Alex decided stays in his list after the delegation ended; Megan's own decisions leave it.
    expect(await decidedIds(asAlex)).toEqual([decidedId]);
    const next = await createSession('Marketo lead scoring');
    await register(ADELE_VANCE_ID, next);
    const nextCard = await mailedCard(MEGAN_BOWEN_ID, 'Marketo lead scoring');
    expect(
      JSON.stringify(await press('outlook', ALEX_WILBER_ID, 'approveRegistration', buttonData(nextCard))),
    ).toContain('This request is not yours to decide');
    expect(await statusOf(ADELE_VANCE_ID, next)).toMatchObject({ status: 'pendingApproval' });
  });

  it("Megan's standing rule approves short sessions at once", async () => {
    const asMegan = await as(MEGAN_BOWEN_ID);
    expect(
      (await asMegan('PUT', '/api/me/approval-settings', { delegate: null, rules: [{ maxHours: 1 }] }))
        .status,
    ).toBe(200);
    const title = 'Google Analytics in 45 minutes';
    const sessionId = await createSession(title, { minutes: 45 });
    await register(ADELE_VANCE_ID, sessionId);
    expect(await statusOf(ADELE_VANCE_ID, sessionId)).toMatchObject({ status: 'confirmed' });
    expect(await mailTo(MEGAN_BOWEN_ID, title)).toEqual([]);
    expect((await asMegan('PUT', '/api/me/approval-settings', { delegate: null, rules: [] })).status).toBe(
      200,
    );
  });

  it('a request nobody decides expires before the session and frees the seat', async () => {
    // The session starts within the expiry lead (30 minutes here): the request expires at the worker's next pass.
    const title = 'Excel macros for month-end';
    const sessionId = await createSession(title, { capacity: 1, start: new Date(Date.now() + 20 * 60_000) });
    // The worker may expire it before the registration request has even answered.
    expect(['pendingApproval', 'declined']).toContain((await register(ADELE_VANCE_ID, sessionId)).status);
    expect(
      await eventually(
        () => statusOf(ADELE_VANCE_ID, sessionId),
        (registration) => registration?.status === 'declined',
      ),
    ).toMatchObject({ status: 'declined' });
    expect((await register(ALEX_WILBER_ID, sessionId)).status).not.toBe('waitlisted');
    expect(
      await eventually(
        () => mailTo(ADELE_VANCE_ID, title),
        (found) => found.length > 0,
      ),
    ).toEqual([
      expect.objectContaining({ subject: `Your registration for “${title}” expired without a decision` }),
    ]);
  });
});
