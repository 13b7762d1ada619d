import { describe, expect, it } from 'vitest';
import { WINDOWS_TO_IANA } from './catalog.js';
import { createTenantState } from './index.js';
import { ADELE_VANCE_ID, ALEX_WILBER_ID, CAMPUS_ORGANIZERS_GROUP_ID, devPersonas, MEGAN_BOWEN_ID, NESTOR_WILKE_ID, PATTI_FERNANDEZ_ID } from './personas.js';
import type { TenantState } from '../state.js';

const NOW = new Date('2025-03-03T08:00:00Z');

function snapshot(state: TenantState): string {
  return JSON.stringify({ users: [...state.users.values()], groups: [...state.groups.values()], events: [...state.events.values()] });
}

function depthOf(state: TenantState, id: string): number {
  let depth = 0;
  for (let current: string | null = id; current; current = state.users.get(current)?.managerId ?? null) depth++;
  return depth;
}

describe('seeded organization', () => {
  it('is identical for the same seed and size, and different for another seed', () => {
    const a = createTenantState({ seed: 7, size: 800, now: NOW });
    const b = createTenantState({ seed: 7, size: 800, now: NOW });
    const c = createTenantState({ seed: 8, size: 800, now: NOW });
    expect(snapshot(a)).toBe(snapshot(b));
    expect(snapshot(a)).not.toBe(snapshot(c));
  });

  it('has exactly `size` people, unique ids and UPNs, and both lookups indexed', () => {
    const state = createTenantState({ size: 2000, now: NOW });
    expect(state.users.size).toBe(2000);
    const upns = new Set([...state.users.values()].map((u) => u.userPrincipalName.toLowerCase()));
    expect(upns.size).toBe(2000);
    for (const user of state.users.values()) {
      expect(state.usersByUpn.get(user.userPrincipalName.toLowerCase())).toBe(user.id);
      expect(user.userPrincipalName).toMatch(/^[A-Za-z0-9.]+@contoso-dev\.onmicrosoft\.com$/);
    }
  });

  it('builds a hierarchy five or more levels deep with one root, managers mostly in the same department', () => {
    const state = createTenantState({ size: 2000, now: NOW });
    const users = [...state.users.values()];
    expect(users.filter((u) => u.managerId === null)).toHaveLength(1);
    expect(Math.max(...users.map((u) => depthOf(state, u.id)))).toBeGreaterThanOrEqual(5);
    const withManager = users.filter((u) => u.managerId && state.users.get(u.managerId)!.jobTitle !== 'Chief Executive Officer');
    const sameDepartment = withManager.filter((u) => state.users.get(u.managerId!)!.department === u.department);
    expect(sameDepartment.length / withManager.length).toBeGreaterThan(0.9);
    expect(sameDepartment.length).toBeLessThan(withManager.length);
  });

  it('spreads people over ten departments, offices in seven time zones, employee types and some disabled accounts', () => {
    const users = [...createTenantState({ size: 2000, now: NOW }).users.values()];
    expect(new Set(users.map((u) => u.department)).size).toBeGreaterThanOrEqual(10);
    const zones = new Set(users.map((u) => u.mailboxTimeZone));
    expect(zones.size).toBeGreaterThanOrEqual(5);
    for (const zone of zones) expect(WINDOWS_TO_IANA[zone]).toBeDefined();
    const london = users.find((u) => u.city === 'London')!;
    expect(london).toMatchObject({ country: 'United Kingdom', usageLocation: 'GB', mailboxTimeZone: 'GMT Standard Time' });
    expect(new Set(users.map((u) => u.employeeType))).toEqual(new Set(['Employee', 'Contractor', 'Intern']));
    expect(users.some((u) => !u.accountEnabled)).toBe(true);
    expect(users.some((u) => u.jobTitle?.startsWith('Senior '))).toBe(true);
    expect(users.some((u) => u.jobTitle?.startsWith('Associate '))).toBe(true);
    expect(users.filter((u) => u.skills.includes('SAP')).length).toBeGreaterThan(20);
  });

  it('places the personas as the scenarios need them', () => {
    const state = createTenantState({ size: 2000, now: NOW });
    expect(devPersonas.map((p) => p.id)).toEqual([PATTI_FERNANDEZ_ID, NESTOR_WILKE_ID, MEGAN_BOWEN_ID, ADELE_VANCE_ID, ALEX_WILBER_ID]);
    expect(state.users.get(ADELE_VANCE_ID)!.managerId).toBe(MEGAN_BOWEN_ID);
    expect(state.users.get(MEGAN_BOWEN_ID)).toMatchObject({ department: 'Marketing', jobTitle: 'Marketing Manager' });
    expect(state.users.get(NESTOR_WILKE_ID)).toMatchObject({ department: 'Operations', skills: expect.arrayContaining(['SAP', 'Power BI']) });
    expect(state.users.get(ALEX_WILBER_ID)).toMatchObject({ department: 'Sales', city: 'London', mailboxTimeZone: 'GMT Standard Time' });
    expect(state.groups.get(CAMPUS_ORGANIZERS_GROUP_ID)).toMatchObject({ displayName: 'Campus Organizers', securityEnabled: true, mailEnabled: false });
    expect(state.groups.get(CAMPUS_ORGANIZERS_GROUP_ID)!.memberIds).toContain(PATTI_FERNANDEZ_ID);
    const pattiManager = state.users.get(state.users.get(PATTI_FERNANDEZ_ID)!.managerId!)!;
    expect(pattiManager.department).toBe('Operations');
  });

  it('has department, office, community and nested groups', () => {
    const state = createTenantState({ size: 2000, now: NOW });
    const groups = [...state.groups.values()];
    const byName = (name: string) => groups.find((g) => g.displayName === name)!;
    expect(byName('All Marketing').memberIds).toContain(MEGAN_BOWEN_ID);
    expect(byName('London Office').memberIds).toContain(ALEX_WILBER_ID);
    expect(byName('EMEA Offices').memberIds).toContain(byName('London Office').id);
    expect(byName('All Offices').memberIds).toContain(byName('EMEA Offices').id);
    expect(byName('Power BI Community').memberIds).toContain(NESTOR_WILKE_ID);
    expect(byName('Data & Analytics Guild').memberIds).toContain(byName('Power BI Community').id);
  });

  it('gives a share of people busy events on weekdays in the next weeks, in their own time zone', () => {
    const state = createTenantState({ size: 2000, now: NOW });
    const events = [...state.events.values()];
    const owners = new Set(events.map((e) => e.ownerId));
    expect(owners.has(NESTOR_WILKE_ID)).toBe(true);
    expect(owners.size).toBeGreaterThan(200);
    expect(owners.size).toBeLessThan(1000);
    for (const event of events) {
      const owner = state.users.get(event.ownerId)!;
      expect(event.start.timeZone).toBe(owner.mailboxTimeZone);
      const start = new Date(`${event.start.dateTime.slice(0, 19)}Z`);
      expect(start.getTime()).toBeGreaterThan(NOW.getTime());
      expect(start.getTime()).toBeLessThan(NOW.getTime() + 28 * 86_400_000);
      expect([0, 6]).not.toContain(start.getUTCDay());
      expect(event.end.dateTime > event.start.dateTime).toBe(true);
      expect(event.organizer.emailAddress.address).toBe(owner.mail);
    }
  });

  it('builds 100,000 people with the same shape and the personas in place', () => {
    const state = createTenantState({ size: 100_000, now: NOW });
    expect(state.users.size).toBe(100_000);
    expect(state.usersByUpn.size).toBe(100_000);
    expect(state.users.get(ADELE_VANCE_ID)!.managerId).toBe(MEGAN_BOWEN_ID);
    const departmentGroup = [...state.groups.values()].find((g) => g.displayName === 'All Sales')!;
    expect(departmentGroup.memberIds.length).toBeGreaterThan(10_000);
    expect(state.events.size).toBeLessThanOrEqual(2000 * 5);
  });
});
