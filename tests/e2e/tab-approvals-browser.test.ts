/**
 * Supervisor approval through the tab in Chromium, on the real server, FerretDB and the dev tenant: Adele Vance
 * registers for a session that needs her supervisor's approval, Megan Bowen (her manager) opens the link of the
 * approval mail, approves with a comment, and Adele's tab shows the registration confirmed. Megan's decision stays in
 * her Decided list after a reload, and Patti Fernandez, whom Megan names her delegate, finds the Approvals tab
 * without the mail's link.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevCertificates } from '../../infra/local/dev-ca.js';
import { repoRoot } from '../../infra/local/paths.js';
import {
  ADELE_VANCE_ID,
  MEGAN_BOWEN_ID,
  NESTOR_WILKE_ID,
  PATTI_FERNANDEZ_ID,
} from '@campus/infra/dev-tenant/personas';
import { launchChromium } from '../support/browser.js';
import { apiClient, startCampus, tokenFor, type CampusUnderTest } from '../support/campus-server.js';

type Client = ReturnType<typeof apiClient>;
interface ApprovalView {
  id: string;
  status: string;
  session: { title: string };
  when: { text: string; timeZone: string };
  hoursAwayText: string;
  clash: { text: string };
  decision: { outcome: string; comment: string | null; decidedBy: { userId: string; via: string } } | null;
}
interface MySession {
  session: { id: string };
  registration: { status: string; seat: number | null };
}

// TAB_DIR: a build of one's own, when other work rebuilds tab/dist meanwhile.
const tabDir = process.env.TAB_DIR ?? path.join(repoRoot, 'tab', 'dist');
const screenshotDir = path.join(tmpdir(), 'campus-tab-browser-screenshots');
// Generous: a loaded two-core machine runs the server, FerretDB, the dev tenant and Chromium at once.
const uiTimeoutMs = 30_000;

/** A port free right now: the server must know its public URL (the link in approval mails) before it listens. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Reads until `done` holds: for work the server finishes after answering. The test's timeout bounds it. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('supervisor approval in the Campus tab, in Chromium', () => {
  let campus: CampusUnderTest;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const clients = new Map<string, Client>();

  async function as(userId: string): Promise<Client> {
    if (!clients.has(userId))
      clients.set(userId, apiClient(campus.url, await tokenFor(campus.devTenant, userId)));
    return clients.get(userId)!;
  }

  /** A browser window of its own (its own sessionStorage, so its own sign-in) at `url`, signed in as `displayName`. */
  async function openAs(displayName: string, url: string): Promise<Page> {
    // The personas work at Seattle HQ: the browser's clock and language are theirs.
    const context = await browser.newContext({
      locale: 'en-US',
      timezoneId: 'America/Los_Angeles',
      viewport: { width: 1280, height: 900 },
    });
    contexts.push(context);
    context.setDefaultTimeout(uiTimeoutMs);
    context.setDefaultNavigationTimeout(uiTimeoutMs);
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('button', { name: 'Sign in with your work account' }).click();
    await page.getByRole('heading', { name: 'Pick an account' }).waitFor();
    await page.getByRole('button', { name: new RegExp(`^${displayName}`) }).click();
    await page.getByRole('banner').getByText(displayName, { exact: true }).waitFor();
    return page;
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(screenshotDir, `approvals-${name}.png`), fullPage: true });
  }

  async function registrationOf(
    userId: string,
    sessionId: string,
  ): Promise<MySession['registration'] | undefined> {
    const mine = await (await as(userId))<{ sessions: MySession[] }>('GET', '/api/me/sessions');
    expect(mine.status).toBe(200);
    return mine.body.sessions.find((item) => item.session.id === sessionId)?.registration;
  }

  /** The link of the approval mail Campus sent to Megan for `title` (waits for the outbox to deliver it). */
  async function approvalMailLink(title: string): Promise<string> {
    const { body: megan } = await (await as(MEGAN_BOWEN_ID))<{ mail: string }>('GET', '/api/me');
    const query = new URLSearchParams({ to: megan.mail, kind: 'sendMail' });
    const mails = await eventually(
      async () => {
        const response = await fetch(`${campus.devTenant.url}/_dev/outbox?${query}`);
        const { value } = (await response.json()) as {
          value: Array<{ subject: string; body: { content: string } }>;
        };
        return value.filter((mail) => mail.subject.startsWith('Approve') && mail.subject.includes(title));
      },
      (found) => found.length > 0,
    );
    const href = /<a href="([^"]+)">Approve or decline in Campus<\/a>/.exec(mails[0]!.body.content)?.[1];
    if (!href) throw new Error('the approval mail has no link to Campus');
    return href.replace(/&#(\d+);/g, (_entity, code: string) => String.fromCharCode(Number(code)));
  }

  beforeAll(async () => {
    if (!existsSync(path.join(tabDir, 'index.html'))) {
      throw new Error(
        `The tab is not built: ${tabDir}/index.html is missing. Run \`npm run build:tab\` first.`,
      );
    }
    await mkdir(screenshotDir, { recursive: true });
    const port = await freePort();
    campus = await startCampus({
      env: { TAB_DIR: tabDir, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` },
    });
    await fetch(`${campus.devTenant.url}/_dev/tenant`).catch((cause: unknown) => {
      throw new Error(
        'The dev tenant is not trusted here: run vitest through `npx tsx infra/local/with-dev-ca.ts`',
        {
          cause,
        },
      );
    });
    browser = await launchChromium({ trustedCertificates: [(await ensureDevCertificates()).cert] });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await campus?.close();
  });

  it(
    'Adele waits for approval, Megan approves from the mailed link with a comment, Adele is confirmed',
    { timeout: 300_000 },
    async () => {
      const title = `Power BI for campaign reporting ${randomUUID().slice(0, 6)}`;
      const comment = 'Enjoy it, and bring back the dashboard template';
      const day = new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10);
      const created = await (
        await as(PATTI_FERNANDEZ_ID)
      )<{ id: string; approval: string }>('POST', '/api/sessions', {
        title,
        abstract: 'How to read campaign results in Power BI.',
        presenterId: NESTOR_WILKE_ID,
        start: { dateTime: `${day}T17:00:00`, timeZone: 'UTC' },
        end: { dateTime: `${day}T18:30:00`, timeZone: 'UTC' },
        capacity: 5,
        online: true,
        approval: 'supervisor',
      });
      expect(created).toMatchObject({ status: 201, body: { approval: 'supervisor' } });
      const sessionId = created.body.id;

      // Adele registers in the tab and reads what happened: her seat waits for Megan.
      const adele = await openAs('Adele Vance', campus.url);
      const card = adele
        .getByRole('list', { name: 'Sessions' })
        .getByRole('listitem')
        .filter({ has: adele.getByRole('heading', { name: title }) });
      await card.getByRole('button', { name: `Register: ${title}` }).click();
      await card.getByRole('button', { name: `Awaiting approval: ${title}` }).waitFor();
      await card.getByText("Waiting for Megan Bowen's approval. Your seat is held meanwhile.").waitFor();
      expect(await registrationOf(ADELE_VANCE_ID, sessionId)).toMatchObject({ status: 'pendingApproval' });
      await shot(adele, 'adele-waiting');

      // Megan follows the link of the approval mail, signs in, and lands on the approvals view.
      const link = await approvalMailLink(title);
      expect(link).toBe(`${campus.url}/?view=approvals`);
      const megan = await openAs('Megan Bowen', link);
      expect(await megan.getByRole('tab', { name: 'Approvals' }).getAttribute('aria-selected')).toBe('true');
      const asMegan = await as(MEGAN_BOWEN_ID);
      const listed = await asMegan<{ approvals: ApprovalView[] }>('GET', '/api/approvals');
      const request = listed.body.approvals.find((item) => item.session.title === title);
      expect(request).toMatchObject({ status: 'pending', hoursAwayText: '1.5 hours' });
      const pending = megan
        .getByRole('list', { name: 'Waiting for your decision' })
        .getByRole('listitem')
        .filter({ has: megan.getByRole('heading', { name: title }) });
      await pending.getByText('Adele Vance asks to attend').waitFor();
      await pending.getByText(request!.when.text, { exact: true }).waitFor();
      await pending.getByText(`Your time zone: ${request!.when.timeZone}`).waitFor();
      await pending.getByText('1.5 hours away from work').waitFor();
      await pending.getByText(request!.clash.text, { exact: true }).waitFor();

      await pending.getByRole('textbox', { name: 'Comment for Adele Vance (optional)' }).fill(comment);
      await pending.getByRole('button', { name: `Approve Adele Vance for ${title}` }).click();
      const decided = megan
        .getByRole('list', { name: 'Decided requests' })
        .getByRole('listitem')
        .filter({ has: megan.getByRole('heading', { name: title }) });
      await decided.getByText(new RegExp(`^Approved by Megan Bowen on .+: “${comment}”$`)).waitFor();
      await megan.getByText('Nothing is waiting for your approval.').waitFor();
      await shot(megan, 'megan-decided');

      // The decision is the API's, not the page's: it is still listed after a reload.
      await megan.reload();
      await megan.getByRole('banner').getByText('Megan Bowen', { exact: true }).waitFor();
      await megan.getByRole('tab', { name: 'Approvals' }).click();
      await megan
        .getByRole('list', { name: 'Decided requests' })
        .getByRole('listitem')
        .filter({ has: megan.getByRole('heading', { name: title }) })
        .getByText(new RegExp(`^Approved by Megan Bowen on .+: “${comment}”$`))
        .waitFor();

      const after = await asMegan<ApprovalView>('GET', `/api/approvals/${request!.id}`);
      expect(after.body).toMatchObject({
        status: 'approved',
        decision: { outcome: 'approved', comment, decidedBy: { userId: MEGAN_BOWEN_ID, via: 'approver' } },
      });
      expect(await registrationOf(ADELE_VANCE_ID, sessionId)).toMatchObject({ status: 'confirmed', seat: 1 });

      // Adele's "My sessions" shows it confirmed, and her notifications carry Megan's comment.
      await adele.getByRole('tab', { name: 'My sessions' }).click();
      const mine = adele
        .getByRole('list', { name: 'My sessions' })
        .getByRole('listitem')
        .filter({ has: adele.getByRole('heading', { name: title }) });
      await mine.getByText('Confirmed · seat 1').waitFor();
      await mine
        .getByText(/^Confirmed — (in your Outlook calendar|the Outlook invitation is on its way)\.$/)
        .waitFor();
      await mine.getByRole('button', { name: `Cancel registration: ${title}` }).waitFor();
      await adele.getByRole('button', { name: /^Notifications/ }).click();
      const notifications = adele.getByRole('list', { name: 'Notifications' });
      await notifications
        .getByText(`Your supervisor approved your registration for “${title}”: “${comment}”`)
        .waitFor();
      await shot(adele, 'adele-confirmed');

      // Outlook follows: the session's meeting reaches Adele's calendar.
      const events = await eventually(
        async () => {
          const response = await fetch(`${campus.devTenant.url}/_dev/calendars/${ADELE_VANCE_ID}/events`);
          return ((await response.json()) as { value: Array<{ subject: string }> }).value;
        },
        (value) => value.some((event) => event.subject === title),
      );
      expect(events.filter((event) => event.subject === title)).toHaveLength(1);
    },
  );

  it(
    'Megan names a delegate from the directory and a standing rule in her settings',
    { timeout: 180_000 },
    async () => {
      const megan = await openAs('Megan Bowen', `${campus.url}/?view=approvals`);
      const settings = megan.getByRole('region', { name: 'Your approval settings' });
      await settings.getByText("No delegate: only you decide on your team's requests.").waitFor();
      await settings.getByRole('combobox', { name: 'New delegate' }).pressSequentially('Patti');
      await megan.getByRole('option', { name: /^Patti Fernandez/ }).click();
      await settings.getByRole('button', { name: 'Save delegate' }).click();
      await settings.getByText('Patti Fernandez can now decide in your name.').waitFor();
      await settings.getByText(/^Delegate: Patti Fernandez \(/).waitFor();

      const hours = settings.getByRole('textbox', { name: 'Approve sessions up to (hours)' });
      await hours.fill('1.1');
      await settings.getByRole('button', { name: 'Add rule' }).click();
      await settings.getByText('Use quarter hours: 0.25, 0.5, 0.75, 1, 1.25…').waitFor();
      await hours.fill('2');
      await settings.getByRole('button', { name: 'Add rule' }).click();
      await settings
        .getByRole('list', { name: 'Standing rules' })
        .getByText('Approve my team at once for sessions up to 2 hours')
        .waitFor();
      await shot(megan, 'megan-settings');

      const stored = await (await as(MEGAN_BOWEN_ID))('GET', '/api/me/approval-settings');
      expect(stored.body).toMatchObject({
        delegate: { userId: PATTI_FERNANDEZ_ID, displayName: 'Patti Fernandez', until: null, active: true },
        rules: [{ maxHours: 2 }],
      });
    },
  );

  it(
    "Patti, Megan's delegate but nobody's supervisor, finds the Approvals tab and Megan's decisions",
    { timeout: 180_000 },
    async () => {
      const me = await (
        await as(PATTI_FERNANDEZ_ID)
      )<{ roles: string[]; approvesFor: unknown[] }>('GET', '/api/me');
      expect(me.body.roles).not.toContain('supervisor');
      expect(me.body.approvesFor).toEqual([{ id: MEGAN_BOWEN_ID, displayName: 'Megan Bowen', until: null }]);

      const patti = await openAs('Patti Fernandez', campus.url);
      await patti.getByRole('tab', { name: 'Approvals' }).click();
      await patti.getByText('You decide for Megan Bowen, as their delegate.').waitFor();
      await patti
        .getByRole('list', { name: 'Decided requests' })
        .getByText(/^Approved by Megan Bowen on /)
        .first()
        .waitFor();
      await shot(patti, 'patti-delegate');
    },
  );
});
