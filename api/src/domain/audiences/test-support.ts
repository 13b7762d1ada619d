/** A small organization for the targeting tests, with in-memory fakes of the ports. */
import type { TenantScope } from '../shared/tenant-scope.js';
import type { IndexedPerson } from './directory-index.js';
import type { RuleInputs } from './evaluate-rule.js';

export const TENANT: TenantScope = { tenantId: '11111111-1111-4111-8111-111111111111' };

/** A GUID per number, so tests read `pid(12)` rather than a literal id. */
export function pid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export function person(n: number, overrides: Partial<IndexedPerson> = {}): IndexedPerson {
  return {
    id: pid(n),
    displayName: `Person ${String(n).padStart(2, '0')}`,
    mail: `p${n}@contoso.test`,
    userPrincipalName: `p${n}@contoso.test`,
    jobTitle: 'Analyst',
    department: 'Sales',
    officeLocation: 'Seattle HQ',
    city: 'Seattle',
    country: 'United States',
    employeeType: 'Employee',
    timeZone: 'Pacific Standard Time',
    accountEnabled: true,
    deleted: false,
    managerId: null,
    skills: [],
    responsibilities: [],
    aboutMeWords: [],
    syncedAt: Date.UTC(2030, 0, 1),
    ...overrides,
  };
}

/**
 * CEO 1 ─┬─ VP 2 (Sales) ─┬─ Director 3 ─┬─ Manager 4 ─┬─ 5, 6 (disabled), 7 (deleted)
 *        │                │              │             └─ Team lead 8 ── 9
 *        │                │              └─ Manager 10 ── 11 (London)
 *        │                └─ 12 (reports to the VP directly)
 *        └─ VP 13 (Engineering) ── 14 (Contractor, Paris), 15 (Intern, Paris)
 */
export function smallOrganization(): IndexedPerson[] {
  return [
    person(1, { displayName: 'Cecile CEO', jobTitle: 'Chief Executive Officer', department: 'Executive Office' }),
    person(2, { displayName: 'Victor Sales', jobTitle: 'VP of Sales', managerId: pid(1) }),
    person(3, { displayName: 'Dora Director', jobTitle: 'Sales Director', managerId: pid(2) }),
    person(4, { displayName: 'Mario Manager', jobTitle: 'Sales Manager', managerId: pid(3) }),
    person(5, { displayName: 'Anna Account', jobTitle: 'Account Executive', managerId: pid(4), skills: ['Salesforce', 'Power BI'] }),
    person(6, { displayName: 'Dan Disabled', jobTitle: 'Account Executive', managerId: pid(4), accountEnabled: false }),
    person(7, { displayName: 'Gone Person', jobTitle: 'Account Executive', managerId: pid(4), deleted: true }),
    person(8, { displayName: 'Tess Lead', jobTitle: 'Senior Account Executive', managerId: pid(4) }),
    person(9, { displayName: 'Ali Associate', jobTitle: 'Associate Account Executive', managerId: pid(8) }),
    person(10, { displayName: 'Mona Manager', jobTitle: 'Account Manager', managerId: pid(3) }),
    person(11, { displayName: 'Lars London', jobTitle: 'Account Executive', managerId: pid(10), officeLocation: 'London', city: 'London', country: 'United Kingdom', timeZone: 'GMT Standard Time' }),
    person(12, { displayName: 'Vera Direct', jobTitle: 'Sales Operations Analyst', managerId: pid(2), skills: ['Excel macros', 'SAP'] }),
    person(13, { displayName: 'Erik Engineering', jobTitle: 'VP of Engineering', department: 'Engineering', managerId: pid(1) }),
    person(14, { displayName: 'Paul Contractor', jobTitle: 'Software Engineer', department: 'Engineering', managerId: pid(13), employeeType: 'Contractor', officeLocation: 'Paris', city: 'Paris', country: 'France', timeZone: 'Romance Standard Time', skills: ['Kubernetes'] }),
    person(15, { displayName: 'Ines Intern', jobTitle: 'Software Engineer Intern', department: 'engineering', managerId: pid(13), employeeType: 'Intern', officeLocation: 'Paris', city: 'Paris', country: 'France', timeZone: null }),
  ];
}

/** Rule inputs from fixed data: groups by id (transitive members already flattened), attendees by topic word. */
export function fakeRuleInputs(groups: Record<string, string[]> = {}, attendees: Record<string, string[]> = {}): RuleInputs & { groupCalls: string[] } {
  const groupCalls: string[] = [];
  return {
    groupCalls,
    async groupMembers(groupId) {
      groupCalls.push(groupId);
      const members = groups[groupId];
      return members ? { version: members.join(','), memberIds: members } : null;
    },
    async attendeesOfTopic(topic) {
      return Object.entries(attendees)
        .filter(([title]) => title.toLowerCase().includes(topic.toLowerCase()))
        .flatMap(([, ids]) => ids);
    },
  };
}
