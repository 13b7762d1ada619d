import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureDevCertificates } from '../../infra/local/dev-ca.js';
import { repoRoot } from '../../infra/local/paths.js';
import { ADELE_VANCE_ID, NESTOR_WILKE_ID, PATTI_FERNANDEZ_ID } from '@campus/infra/dev-tenant/personas';
import { launchChromium } from '../support/browser.js';
import { apiClient, startCampus, tokenFor, type CampusUnderTest } from '../support/campus-server.js';

const tabDir = path.join(repoRoot, 'tab', 'dist');
const screenshotDir = path.join(tmpdir(), 'campus-tab-browser-screenshots');
// Generous: a loaded two-core machine runs the server, FerretDB, the dev tenant and Chromium at once.
const uiTimeoutMs = 30_000;

interface CreatedSession {
  id: string;
  title: string;
  joinUrl: string | null;
}
interface GraphEvent {
  subject: string;
  isOrganizer: boolean;
  onlineMeeting: { joinUrl: string } | null;
  start: { dateTime: string; timeZone: string };
}

/** The date `days` from today (UTC), as a datetime-local input writes it. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The text of the elements that describe a form control (aria-describedby): its hint and validation message. */
async function descriptionOf(control: Locator): Promise<string> {
  const ids = (await control.getAttribute('aria-describedby'))?.split(' ').filter(Boolean) ?? [];
  const texts = await Promise.all(ids.map((id) => control.page().locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

describe('the Campus tab in Chromium, through the real server and the dev tenant', () => {
  let campus: CampusUnderTest;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  async function mailboxEvents(user: string): Promise<GraphEvent[]> {
    const response = await fetch(`${campus.devTenant.url}/_dev/calendars/${user}/events`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { value: GraphEvent[] }).value;
  }

  /** Signs in from the tab's front door through the dev tenant's account picker. */
  async function signIn(displayName: string): Promise<void> {
    await page.getByRole('button', { name: 'Sign in with your work account' }).click();
    await page.getByRole('heading', { name: 'Pick an account' }).waitFor();
    expect(new URL(page.url()).origin).toBe(campus.devTenant.url);
    await page.getByRole('button', { name: new RegExp(`^${displayName}`) }).click();
    await page.getByRole('banner').getByText(displayName, { exact: true }).waitFor();
    // The code left the address bar as soon as it was redeemed.
    expect(page.url()).toBe(`${campus.url}/`);
  }

  /** Fills the Organize form with an online session on `day`, 15:00–16:30 in Paris, presented by Nestor. */
  async function fillNewSession(title: string, day: string, seats: string): Promise<void> {
    await page.getByRole('tab', { name: 'Organize' }).click();
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
    await page.getByRole('textbox', { name: 'Abstract', exact: true }).fill('How Finance builds the month-end pack in Power BI.');
    // Typed key by key as a person does: the combobox opens its list on key presses, not on pasted text.
    await page.getByRole('combobox', { name: 'Presenter' }).pressSequentially('Nestor');
    await page.getByRole('option', { name: /^Nestor Wilke/ }).click();
    await page.getByLabel('Starts').fill(`${day}T15:00`);
    await page.getByLabel('Ends').fill(`${day}T16:30`);
    const timeZone = page.getByRole('combobox', { name: 'Time zone' });
    await timeZone.fill('');
    await timeZone.pressSequentially('paris');
    await page.getByRole('option', { name: 'Europe/Paris', exact: true }).click();
    await page.getByRole('spinbutton', { name: 'Seats', exact: true }).fill(seats);
    expect(await page.getByRole('switch', { name: 'Online session with a Teams meeting' }).isChecked()).toBe(true);
  }

  function isCreateSession(request: { method(): string; url(): string }): boolean {
    return request.method() === 'POST' && new URL(request.url()).pathname === '/api/sessions';
  }

  beforeAll(async () => {
    if (!existsSync(path.join(tabDir, 'index.html'))) {
      throw new Error(`The tab is not built: ${tabDir}/index.html is missing. Run \`npm run build:tab\` first.`);
    }
    await mkdir(screenshotDir, { recursive: true });
    campus = await startCampus({ env: { TAB_DIR: tabDir } });
    // The server in this process checks tokens with the dev tenant: without the dev CA every page would only say so.
    await fetch(`${campus.devTenant.url}/_dev/tenant`).catch((cause: unknown) => {
      throw new Error('The dev tenant is not trusted here: run vitest through `npx tsx infra/local/with-dev-ca.ts`', { cause });
    });
    browser = await launchChromium({ trustedCertificates: [(await ensureDevCertificates()).cert] });
  });
  afterAll(async () => {
    await browser?.close();
    await campus?.close();
  });

  beforeEach(async () => {
    // Both personas work at Seattle HQ: the browser's clock and language are theirs.
    context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/Los_Angeles', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(uiTimeoutMs);
    context.setDefaultNavigationTimeout(uiTimeoutMs);
    page = await context.newPage();
    await page.goto(campus.url);
  });
  afterEach(async ({ task }) => {
    const name = task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 80);
    try {
      await page?.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
    } finally {
      await context?.close();
    }
  });

  it('an organizer creates a session, an employee registers, and it lands in her Outlook calendar', { timeout: 240_000 }, async () => {
    const title = `Power BI month-end pack ${randomUUID().slice(0, 6)}`;
    await signIn('Patti Fernandez');
    const nextWeek = dayFromNow(7);
    await fillNewSession(title, nextWeek, '5');
    const createdResponse = page.waitForResponse((response) => isCreateSession(response.request()));
    await page.getByRole('button', { name: 'Create session' }).click();
    const response = await createdResponse;
    expect(response.status()).toBe(201);
    const created = (await response.json()) as CreatedSession;
    await page.getByText('Session created').waitFor();
    expect(created.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);

    const [presenterEvent] = (await mailboxEvents(NESTOR_WILKE_ID)).filter((event) => event.subject === title);
    expect(presenterEvent).toMatchObject({
      isOrganizer: true,
      onlineMeeting: { joinUrl: created.joinUrl },
      // Graph writes dateTime with seven fractional digits.
      start: { dateTime: expect.stringMatching(new RegExp(`^${nextWeek}T15:00:00`)), timeZone: 'Europe/Paris' },
    });

    await page.getByRole('tab', { name: 'Catalog' }).click();
    const card = page.getByRole('list', { name: 'Sessions' }).getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
    await card.getByText('with Nestor Wilke').waitFor();
    await card.getByText('5 of 5 seats left').waitFor();
    await card.getByText('Online', { exact: true }).waitFor();
    await card.getByText(/^Session time: 3:00\sPM – 4:30\sPM \(Europe\/Paris\)$/).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn('Adele Vance');
    expect(await page.getByRole('tab', { name: 'Organize' }).count()).toBe(0);
    await card.getByRole('button', { name: `Register: ${title}` }).click();
    await card.getByRole('button', { name: `Registered: ${title}` }).waitFor();
    await card.getByText('4 of 5 seats left').waitFor();

    await page.getByRole('tab', { name: 'My sessions' }).click();
    const mine = page.getByRole('list', { name: 'My sessions' }).getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
    await mine.getByText('Confirmed · seat 1').waitFor();
    const join = mine.getByRole('link', { name: 'Join in Teams' });
    expect(await join.getAttribute('href')).toBe(created.joinUrl);
    expect(await join.getAttribute('target')).toBe('_blank');

    await expect
      .poll(async () => (await mailboxEvents(ADELE_VANCE_ID)).find((event) => event.subject === title), { timeout: uiTimeoutMs })
      .toMatchObject({ isOrganizer: false, onlineMeeting: { joinUrl: created.joinUrl } });
  });

  it('names the refused field beside it: capacity 0, caught by the tab and, sent anyway, by the API', { timeout: 180_000 }, async () => {
    const title = `Capacity check ${randomUUID().slice(0, 6)}`;
    const creates: string[] = [];
    page.on('request', (request) => {
      if (isCreateSession(request)) creates.push(request.url());
    });
    await signIn('Patti Fernandez');
    await fillNewSession(title, dayFromNow(7), '0');
    await page.getByRole('button', { name: 'Create session' }).click();

    const seats = page.getByRole('spinbutton', { name: 'Seats', exact: true });
    await page.getByText('Enter a whole number of seats from 1 to 10000.').waitFor();
    expect(await descriptionOf(seats)).toContain('Enter a whole number of seats from 1 to 10000.');
    expect(await seats.getAttribute('aria-invalid')).toBe('true');
    expect(await seats.and(page.locator(':focus')).count()).toBe(1);
    expect(creates).toEqual([]);

    // A client with looser rules (an older tab) sends capacity 0: the API's refusal must land on the same field.
    await page.route('**/api/sessions', (route) =>
      route.continue({ postData: JSON.stringify({ ...(route.request().postDataJSON() as object), capacity: 0 }) }),
    );
    await seats.fill('5');
    await expect.poll(() => seats.getAttribute('aria-invalid'), { timeout: uiTimeoutMs }).toBeNull();
    const refusedResponse = page.waitForResponse((response) => isCreateSession(response.request()));
    await page.getByRole('button', { name: 'Create session' }).click();
    const refused = await refusedResponse;
    const body = (await refused.json()) as { code: string; message: string; details: { field: string } };
    expect(refused.status()).toBe(400);
    expect(body).toMatchObject({ code: 'CAMPUS_ERR_VALIDATION', details: { field: '/capacity' } });
    await page.getByText('The session was not created').waitFor();
    await expect.poll(() => descriptionOf(seats), { timeout: uiTimeoutMs }).toContain(body.message);
    expect(await seats.getAttribute('aria-invalid')).toBe('true');
    expect(creates).toHaveLength(1);

    const asPatti = apiClient(campus.url, await tokenFor(campus.devTenant, PATTI_FERNANDEZ_ID));
    const catalog = await asPatti<{ sessions: Array<{ title: string }> }>('GET', '/api/sessions?limit=100');
    expect(catalog.body.sessions.map((session) => session.title)).not.toContain(title);
  });
});
