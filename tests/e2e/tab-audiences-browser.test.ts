/**
 * The tab's Audiences page in Chromium, through the real server and a dev tenant of its own whose directory is
 * synced first: what the page shows is compared with what the API answers for the same rule.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureDevCertificates } from '../../infra/local/dev-ca.js';
import { repoRoot } from '../../infra/local/paths.js';
import { startDevTenant, type RunningDevTenant } from '@campus/infra/dev-tenant';
import { PATTI_FERNANDEZ_ID } from '@campus/infra/dev-tenant/personas';
import { launchChromium } from '../support/browser.js';
import { apiClient, startCampus, tokenFor, type CampusUnderTest } from '../support/campus-server.js';
import { syncDirectory } from '../support/directory-sync.js';

const tabDir = path.join(repoRoot, 'tab', 'dist');
const screenshotDir = path.join(tmpdir(), 'campus-tab-audiences-screenshots');
// Generous: a loaded two-core machine runs the server, FerretDB, the dev tenant and Chromium at once.
const uiTimeoutMs = 30_000;

interface Preview {
  total: number;
  byOffice: Array<{ value: string | null; count: number; other: boolean }>;
  sample: Array<{ id: string; displayName: string }>;
}
interface SavedAudience {
  id: string;
  name: string;
  rule: unknown;
}

/** The count as the page writes it for an en-US reader. */
function peopleCount(total: number): string {
  return `${new Intl.NumberFormat('en-US').format(total)} ${total === 1 ? 'person' : 'people'}`;
}

/** The text of the elements that describe a form control (aria-describedby): its hint and validation message. */
async function descriptionOf(control: Locator): Promise<string> {
  const ids = (await control.getAttribute('aria-describedby'))?.split(' ').filter(Boolean) ?? [];
  const texts = await Promise.all(ids.map((id) => control.page().locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

let tenant: RunningDevTenant;
let campus: CampusUnderTest;
let asPatti: ReturnType<typeof apiClient>;

async function api<T>(method: string, route: string, body?: unknown): Promise<T> {
  const answer = await asPatti<T>(method, route, body);
  if (answer.status >= 300)
    throw new Error(`${method} ${route} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const previewOf = (rule: unknown) => api<Preview>('POST', '/api/audiences/preview', { rule });

describe('the Audiences page in Chromium, against a synced directory', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const condition = (label: string) => page.getByRole('group', { name: `Condition ${label}`, exact: true });
  const reached = () => page.getByRole('status', { name: 'People reached' });

  /** Waits until the page has counted the rule on screen and shows `total`. */
  async function expectCount(total: number): Promise<void> {
    await expect
      .poll(
        async () => ({
          busy: await reached().getAttribute('aria-busy'),
          text: await reached().textContent(),
        }),
        { timeout: uiTimeoutMs },
      )
      .toEqual({ busy: 'false', text: peopleCount(total) });
  }

  /** Types a value and closes its suggestions, which would otherwise cover the controls below. */
  async function typeValue(row: Locator, text: string): Promise<void> {
    await row.getByRole('combobox', { name: 'Value' }).fill(text);
    await page.keyboard.press('Escape');
  }

  async function choose(row: Locator, control: string, option: string): Promise<void> {
    await row.getByRole('combobox', { name: control }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  async function signInAsPatti(): Promise<void> {
    await page.getByRole('button', { name: 'Sign in with your work account' }).click();
    await page.getByRole('heading', { name: 'Pick an account' }).waitFor();
    await page.getByRole('button', { name: /^Patti Fernandez/ }).click();
    await page.getByRole('banner').getByText('Patti Fernandez', { exact: true }).waitFor();
  }

  beforeAll(async () => {
    if (!existsSync(path.join(tabDir, 'index.html'))) {
      throw new Error(
        `The tab is not built: ${tabDir}/index.html is missing. Run \`npm run build:tab\` first.`,
      );
    }
    await mkdir(screenshotDir, { recursive: true });
    const certificates = await ensureDevCertificates();
    // A tenant of its own: the page is compared with the API, and the shared tenant is changed by other files.
    tenant = await startDevTenant({ size: 400, certificates });
    campus = await startCampus({
      devTenant: {
        url: tenant.url,
        tenantId: tenant.tenantId,
        authorityUrl: tenant.authorityUrl,
        clientId: tenant.campusApp.clientId,
        clientSecret: tenant.campusApp.clientSecret,
        apiAppIdUri: tenant.campusApp.identifierUri,
      },
      env: { TAB_DIR: tabDir, DIRECTORY_SYNC_INTERVAL_MS: '0' },
    });
    asPatti = apiClient(campus.url, await tokenFor(campus.devTenant, PATTI_FERNANDEZ_ID));
    await syncDirectory(api, { full: true, timeoutMs: 240_000 });
    browser = await launchChromium({ trustedCertificates: [certificates.cert] });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await campus?.close();
    await tenant?.stop();
  });

  beforeEach(async () => {
    context = await browser.newContext({
      locale: 'en-US',
      timezoneId: 'America/Los_Angeles',
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(uiTimeoutMs);
    context.setDefaultNavigationTimeout(uiTimeoutMs);
    page = await context.newPage();
    await page.goto(campus.url);
    await signInAsPatti();
  });
  afterEach(async ({ task }) => {
    const name = task.name
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase()
      .slice(0, 80);
    try {
      await page?.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
    } finally {
      await context?.close();
    }
  });

  it(
    'builds "Marketing in one office", widens it with OR, saves it and opens it again',
    { timeout: 240_000 },
    async () => {
      // The two offices with the most Marketing people, as the API counts them.
      const offices = (await previewOf({ department: { is: ['Marketing'] } })).byOffice.filter(
        (entry) => entry.value && !entry.other,
      );
      expect(offices.length).toBeGreaterThanOrEqual(2);
      const [first, second] = [offices[0]!.value!, offices[1]!.value!];
      const narrow = { all: [{ department: { is: ['Marketing'] } }, { officeLocation: { is: [first] } }] };
      const wide = {
        all: [
          { department: { is: ['Marketing'] } },
          { any: [{ officeLocation: { is: [first] } }, { officeLocation: { is: [second] } }] },
        ],
      };
      const [narrowPreview, widePreview] = [await previewOf(narrow), await previewOf(wide)];
      expect(widePreview.total).toBeGreaterThan(narrowPreview.total);

      await page.getByRole('tab', { name: 'Audiences' }).click();
      await typeValue(condition('1'), 'Marketing');
      await page.getByRole('button', { name: 'Add condition' }).click();
      await choose(condition('2'), 'Field', 'Office');
      await typeValue(condition('2'), first);
      await expectCount(narrowPreview.total);

      await condition('2').getByRole('button', { name: 'Or: add an alternative to condition 2' }).click();
      // The row moved into an OR group with the new one, which offers the same field.
      await expect
        .poll(() => condition('2.2').getByRole('combobox', { name: 'Field' }).textContent())
        .toBe('Office');
      await typeValue(condition('2.2'), second);
      await expectCount(widePreview.total);
      const officeTable = page.getByRole('table', { name: 'Office' });
      for (const office of widePreview.byOffice) {
        await expect
          .poll(() =>
            officeTable.getByRole('row', { name: `${office.value} ${office.count}`, exact: true }).count(),
          )
          .toBe(1);
      }
      const sample = page.getByRole('list', { name: 'Sample of people' }).getByRole('listitem');
      expect(await sample.count()).toBe(widePreview.sample.length);
      for (const person of widePreview.sample)
        await sample.filter({ hasText: person.displayName }).first().waitFor();

      const name = `Marketing in ${first} or ${second} ${randomUUID().slice(0, 6)}`;
      await page.getByRole('textbox', { name: 'Name' }).fill(name);
      const created = page.waitForResponse(
        (response) =>
          response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/audiences',
      );
      await page.getByRole('button', { name: 'Save audience' }).click();
      const response = await created;
      expect(response.status()).toBe(201);
      const saved = (await response.json()) as SavedAudience;
      await page.getByText(`Saved “${name}”.`).waitFor();
      expect(saved.rule).toEqual(wide);
      expect(await api<SavedAudience>('GET', `/api/audiences/${saved.id}`)).toMatchObject({
        name,
        rule: wide,
      });

      await page.getByRole('button', { name: 'New audience', exact: true }).click();
      expect(await condition('1').getByRole('combobox', { name: 'Value' }).inputValue()).toBe('');
      await expect.poll(() => reached().textContent()).toBe('—');
      await page
        .getByRole('list', { name: 'Saved audiences' })
        .getByRole('button', { name: `Open ${name}` })
        .click();
      await page.getByRole('heading', { name: `Audience “${name}”` }).waitFor();
      expect(await page.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(name);
      expect(await condition('1').getByRole('combobox', { name: 'Value' }).inputValue()).toBe('Marketing');
      expect(await condition('2.1').getByRole('combobox', { name: 'Value' }).inputValue()).toBe(first);
      expect(await condition('2.2').getByRole('combobox', { name: 'Value' }).inputValue()).toBe(second);
      await expectCount((await api<Preview>('GET', `/api/audiences/${saved.id}/preview`)).total);
    },
  );

  it(
    'picks a department from suggestions and a group by name, counts as the API does, and names the group again when reopened',
    { timeout: 240_000 },
    async () => {
      const suggested = await api<{ values: Array<{ value: string; people: number }> }>(
        'GET',
        '/api/audiences/values/department?search=engi',
      );
      expect(suggested.values[0]).toMatchObject({ value: 'Engineering' });
      const leaders = await api<{ groups: Array<{ id: string; displayName: string }> }>(
        'GET',
        '/api/groups?search=leader',
      );
      const group = leaders.groups.find((candidate) => candidate.displayName === 'People Leaders')!;
      const rule = { all: [{ department: { is: ['Engineering'] } }, { group: { memberOf: group.id } }] };
      const expected = await previewOf(rule);
      expect(expected.total).toBeLessThan((await previewOf({ department: { is: ['Engineering'] } })).total);

      await page.getByRole('tab', { name: 'Audiences' }).click();
      await condition('1').getByRole('combobox', { name: 'Value' }).pressSequentially('engi');
      // The suggestion shows how many people have the value, as the API counts them.
      const engineering = new RegExp(`^Engineering\\s*${peopleCount(suggested.values[0]!.people)}$`);
      await page.getByRole('option', { name: engineering }).click();
      expect(await condition('1').getByRole('combobox', { name: 'Value' }).inputValue()).toBe('Engineering');
      await page.getByRole('button', { name: 'Add condition' }).click();
      await choose(condition('2'), 'Field', 'Group');
      await condition('2').getByRole('combobox', { name: 'Group' }).pressSequentially('leader');
      // Graph finds both "People Leaders" and "Contoso Leadership": a word of each starts with the text.
      for (const found of leaders.groups)
        await page.getByRole('option', { name: new RegExp(`^${found.displayName}`) }).waitFor();
      await page.getByRole('option', { name: /^People Leaders/ }).click();
      await expectCount(expected.total);

      const name = `Engineering leaders ${randomUUID().slice(0, 6)}`;
      await page.getByRole('textbox', { name: 'Name' }).fill(name);
      await page.getByRole('button', { name: 'Save audience' }).click();
      await page.getByText(`Saved “${name}”.`).waitFor();
      await page.getByRole('button', { name: 'New audience', exact: true }).click();
      await page
        .getByRole('list', { name: 'Saved audiences' })
        .getByRole('button', { name: `Open ${name}` })
        .click();
      await expect
        .poll(() => condition('2').getByRole('combobox', { name: 'Group' }).inputValue())
        .toBe('People Leaders');
      await expectCount(expected.total);
    },
  );

  it("shows the API's refusal of a clause beside that clause", { timeout: 180_000 }, async () => {
    await page.getByRole('tab', { name: 'Audiences' }).click();
    await typeValue(condition('1'), 'Marketing');
    await page.getByRole('button', { name: 'Add condition' }).click();
    await choose(condition('2'), 'Field', 'Group');
    const groupPicker = condition('2').getByRole('combobox', { name: 'Group' });
    await groupPicker.pressSequentially('paris');
    const paris = [...tenant.state.groups.values()].find(
      (candidate) => candidate.displayName === 'Paris Office',
    )!;
    await page.getByRole('option', { name: /^Paris Office/ }).waitFor();
    // Deleted in Entra between the search and the pick: Graph no longer knows it when the rule is previewed.
    tenant.state.groups.delete(paris.id);
    await page.getByRole('option', { name: /^Paris Office/ }).click();

    const refused = await asPatti<{ code: string; message: string; details: { field: string } }>(
      'POST',
      '/api/audiences/preview',
      { rule: { all: [{ department: { is: ['Marketing'] } }, { group: { memberOf: paris.id } }] } },
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'CAMPUS_ERR_INVALID_AUDIENCE_RULE',
      details: { field: '/all/1/group/memberOf' },
    });
    const reason = refused.body.message.slice(refused.body.message.indexOf(': ') + 2);
    await expect.poll(() => descriptionOf(groupPicker), { timeout: uiTimeoutMs }).toContain(reason);
    expect(await groupPicker.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(condition('1').getByRole('combobox', { name: 'Value' }))).not.toContain(
      reason,
    );

    // Nothing saved yet: starting anew asks first.
    await page.getByRole('button', { name: 'New audience', exact: true }).click();
    await page
      .getByRole('alertdialog', { name: 'Discard your changes?' })
      .getByRole('button', { name: 'Discard changes' })
      .click();
    await expect.poll(() => condition('1').getByRole('combobox', { name: 'Value' }).inputValue()).toBe('');
    expect(await condition('2').count()).toBe(0);
  });

  it('lists the members of a saved audience, renames it and deletes it', { timeout: 180_000 }, async () => {
    const name = `Marketing everywhere ${randomUUID().slice(0, 6)}`;
    const saved = await api<SavedAudience>('POST', '/api/audiences', {
      name,
      rule: { department: { is: ['Marketing'] } },
    });
    const members = await api<{
      total: number;
      members: Array<{ displayName: string }>;
      nextCursor: string | null;
    }>('GET', `/api/audiences/${saved.id}/members?limit=100`);
    expect(members.nextCursor).toBeNull();
    expect(members.members.length).toBeGreaterThan(0);

    await page.getByRole('tab', { name: 'Audiences' }).click();
    const savedList = page.getByRole('list', { name: 'Saved audiences' });
    await savedList.getByRole('button', { name: `Open ${name}` }).click();
    await page.getByRole('button', { name: `See everyone in “${name}”` }).click();
    const table = page.getByRole('table', { name: `Members of ${name}` });
    await page.getByText(`${peopleCount(members.total)} now; ${members.members.length} shown.`).waitFor();
    const shown = await table
      .getByRole('row')
      .evaluateAll((rows) => rows.slice(1).map((row) => row.querySelector('td')?.textContent));
    expect(shown).toEqual(members.members.map((member) => member.displayName));
    await page.getByRole('button', { name: 'Close' }).click();

    const renamed = `${name} (renamed)`;
    await savedList.getByRole('button', { name: `Rename ${name}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'New name' }).fill(renamed);
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await savedList.getByRole('button', { name: `Open ${renamed}` }).waitFor();
    await page.getByRole('heading', { name: `Audience “${renamed}”` }).waitFor();
    expect(await api<SavedAudience>('GET', `/api/audiences/${saved.id}`)).toMatchObject({ name: renamed });

    await savedList.getByRole('button', { name: `Delete ${renamed}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => savedList.getByRole('button', { name: `Open ${renamed}` }).count()).toBe(0);
    await page.getByRole('heading', { name: 'New audience' }).waitFor();
    const gone = await asPatti<{ code: string }>('GET', `/api/audiences/${saved.id}`);
    expect(gone).toMatchObject({ status: 404, body: { code: 'CAMPUS_ERR_AUDIENCE_NOT_FOUND' } });
  });

  it(
    'finds experts on a topic on the Organize page and makes the chosen one the presenter',
    { timeout: 180_000 },
    async () => {
      // Words spread over skills, responsibilities and profiles: the ranking has scores of more than one size.
      const topic = 'SAP Power BI dashboards';
      const found = await api<{ experts: Array<{ id: string; displayName: string; score: number }> }>(
        'GET',
        `/api/experts?${new URLSearchParams({ topic, limit: '5' })}`,
      );
      expect(found.experts.length).toBeGreaterThan(0);
      await page.getByRole('tab', { name: 'Organize' }).click();
      await page.getByRole('searchbox', { name: 'Find experts on a topic' }).fill(topic);
      const ranked = page.getByRole('list', { name: `Experts on ${topic}` }).getByRole('listitem');
      await expect.poll(() => ranked.count(), { timeout: uiTimeoutMs }).toBe(found.experts.length);
      for (const [index, expert] of found.experts.entries()) {
        await ranked.nth(index).getByText(expert.displayName, { exact: true }).waitFor();
        await ranked.nth(index).getByText(`Score ${expert.score}`, { exact: true }).waitFor();
      }
      const best = found.experts[0]!;
      await ranked
        .first()
        .getByRole('button', { name: `Choose ${best.displayName} as presenter` })
        .click();
      await expect
        .poll(() => page.getByRole('combobox', { name: 'Presenter' }).inputValue())
        .toBe(best.displayName);
      await expect.poll(() => ranked.count()).toBe(0);
    },
  );
});
