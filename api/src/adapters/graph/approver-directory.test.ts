/** The approver directory against the dev tenant: the production Graph path (msal-node, Graph SDK). */
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import type {} from '../../../../tests/support/provided-context.js';
import { MEGAN_BOWEN_ID } from '../../../../infra/local/dev-tenant/seed/personas.js';
import { createApproverDirectory } from './approver-directory.js';
import { createGraphGateway } from './graph-gateway.js';
import { knownWindowsTimeZones, toIanaTimeZone } from './windows-time-zones.js';

const devTenant = inject('devTenant');
const scope = { tenantId: devTenant.tenantId };
const graph = createGraphGateway({
  tenantId: devTenant.tenantId,
  clientId: devTenant.clientId,
  clientSecret: devTenant.clientSecret,
  authorityHost: devTenant.url,
  graphBaseUrl: devTenant.url,
});
const directory = createApproverDirectory(graph);

/** A user of this test file alone, so its calendar and manager are its own. */
async function createUser(
  label: string,
  fields: Record<string, unknown>,
): Promise<{ id: string; userPrincipalName: string; displayName: string }> {
  const id = randomUUID();
  const tenant = (await (await fetch(`${devTenant.url}/_dev/tenant`)).json()) as { domain: string };
  const response = await fetch(`${devTenant.url}/_dev/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id,
      displayName: `Approvaltest ${label}`,
      givenName: 'Approvaltest',
      surname: label,
      userPrincipalName: `approval-${label}-${id.slice(0, 8)}@${tenant.domain}`,
      ...fields,
    }),
  });
  if (!response.ok) throw new Error(`POST /_dev/users answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string; userPrincipalName: string; displayName: string };
}

describe('approver directory (Graph)', () => {
  it("finds the employee's manager, and null for someone without one or unknown", async () => {
    const employee = await createUser('employee', { managerId: MEGAN_BOWEN_ID });
    const top = await createUser('top', { managerId: null });
    expect(await directory.findManager(scope, employee.id)).toMatchObject({
      id: MEGAN_BOWEN_ID,
      displayName: 'Megan Bowen',
    });
    expect(await directory.findManager(scope, top.id)).toBeNull();
    expect(await directory.findManager(scope, randomUUID())).toBeNull();
    expect(await directory.findManager(scope, 'not-a-guid')).toBeNull();
    expect(await directory.findPerson(scope, employee.id)).toEqual({
      id: employee.id,
      displayName: employee.displayName,
      mail: expect.stringContaining('@'),
    });
  });

  it("reads the mailbox's Windows time zone as an IANA zone, with its locale", async () => {
    const person = await createUser('tokyo', {
      mailboxTimeZone: 'Tokyo Standard Time',
      preferredLanguage: 'ja-JP',
    });
    expect(await directory.findMailbox(scope, person.id)).toEqual({
      timeZone: 'Asia/Tokyo',
      locale: 'ja-JP',
    });
    expect(await directory.findMailbox(scope, randomUUID())).toEqual({ timeZone: null, locale: null });
  });

  it("finds what is not free in the employee's calendar during the session (getSchedule)", async () => {
    const person = await createUser('busy', { mailboxTimeZone: 'W. Europe Standard Time' });
    await graph.post(`/users/${person.id}/events`, {
      subject: 'Quarterly planning',
      start: { dateTime: '2026-12-02T10:00:00', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2026-12-02T11:00:00', timeZone: 'W. Europe Standard Time' },
      showAs: 'busy',
    });
    const mail = person.userPrincipalName;
    const self = { id: person.id, displayName: person.displayName, mail };
    expect(
      await directory.findBusyPeriods(
        scope,
        self,
        new Date('2026-12-02T09:30:00Z'),
        new Date('2026-12-02T10:30:00Z'),
      ),
    ).toEqual([
      { start: new Date('2026-12-02T09:00:00Z'), end: new Date('2026-12-02T10:00:00Z'), status: 'busy' },
    ]);
    expect(
      await directory.findBusyPeriods(
        scope,
        self,
        new Date('2026-12-02T10:00:00Z'),
        new Date('2026-12-02T11:00:00Z'),
      ),
    ).toEqual([]);
  });
});

describe('Windows time zones', () => {
  it('maps every known Windows name to a zone the runtime knows, and passes IANA names through', () => {
    const unknown = knownWindowsTimeZones.filter((name) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: toIanaTimeZone(name)! });
        return false;
      } catch {
        return true;
      }
    });
    expect(unknown).toEqual([]);
    expect(toIanaTimeZone('pacific standard time')).toBe('America/Los_Angeles');
    expect(toIanaTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(toIanaTimeZone('Not A Zone')).toBeNull();
    expect(toIanaTimeZone(null)).toBeNull();
  });
});
