import type { DirectoryGroup } from '../state.js';
import type { SeededPerson } from './build-people.js';
import { COMMUNITY_GROUPS, DEPARTMENTS, EXECUTIVE_DEPARTMENT, OFFICES } from './catalog.js';
import { CAMPUS_ORGANIZERS_GROUP_ID, NESTOR_WILKE_ID, PATTI_FERNANDEZ_ID } from './personas.js';
import type { Prng } from './prng.js';

type GroupKind = 'unified' | 'distribution' | 'security';

function group(prng: Prng, domain: string, kind: GroupKind, displayName: string, nickname: string, description: string, memberIds: string[], id?: string): DirectoryGroup {
  const mailEnabled = kind !== 'security';
  return {
    id: id ?? prng.guid(),
    displayName,
    description,
    mailNickname: nickname,
    mail: mailEnabled ? `${nickname}@${domain}` : null,
    securityEnabled: kind !== 'distribution',
    mailEnabled,
    groupTypes: kind === 'unified' ? ['Unified'] : [],
    memberIds,
  };
}

const slug = (value: string): string => value.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * Groups of the seeded organization: one per department and per office, regions that nest office groups
 * (and a global group nesting the regions), leadership groups, communities of practice and Campus Organizers.
 */
export function buildGroups(prng: Prng, domain: string, people: SeededPerson[]): DirectoryGroup[] {
  const groups: DirectoryGroup[] = [];
  const departments = [EXECUTIVE_DEPARTMENT, ...DEPARTMENTS.map((d) => d.name)];
  for (const department of departments) {
    const members = people.filter((p) => p.user.department === department).map((p) => p.user.id);
    groups.push(group(prng, domain, 'unified', `All ${department}`, `all-${slug(department)}`, `Everyone in ${department}.`, members));
  }
  const officeGroupIds = new Map<string, string>();
  for (const office of OFFICES) {
    const members = people.filter((p) => p.user.officeLocation === office.officeLocation).map((p) => p.user.id);
    const g = group(prng, domain, 'distribution', `${office.city} Office`, `office-${slug(office.city)}`, `Everyone based in ${office.officeLocation}.`, members);
    officeGroupIds.set(office.officeLocation, g.id);
    groups.push(g);
  }
  const regionIds: string[] = [];
  for (const region of ['Americas', 'EMEA', 'APAC'] as const) {
    const nested = OFFICES.filter((o) => o.region === region).map((o) => officeGroupIds.get(o.officeLocation)!);
    const g = group(prng, domain, 'distribution', `${region} Offices`, `offices-${slug(region)}`, `All offices in ${region}.`, nested);
    regionIds.push(g.id);
    groups.push(g);
  }
  groups.push(group(prng, domain, 'distribution', 'All Offices', 'all-offices', 'Every office, through the regional groups.', regionIds));

  const leadership = group(prng, domain, 'security', 'Contoso Leadership', 'contoso-leadership', 'The CEO and the executive team.',
    people.filter((p) => p.level === 'ceo' || p.level === 'vp').map((p) => p.user.id));
  groups.push(leadership);
  groups.push(group(prng, domain, 'security', 'People Leaders', 'people-leaders', 'Everyone who manages people (includes Contoso Leadership).',
    [leadership.id, ...people.filter((p) => p.level === 'director' || p.level === 'manager').map((p) => p.user.id)]));

  const communityIds = new Map<string, string>();
  for (const spec of COMMUNITY_GROUPS) {
    const members = people.filter((p) => p.user.skills.includes(spec.topic) && prng.chance(0.3)).map((p) => p.user.id);
    if (spec.topic === 'SAP' || spec.topic === 'Power BI') members.push(NESTOR_WILKE_ID);
    const g = group(prng, domain, 'unified', spec.displayName, slug(spec.displayName), spec.description, [...new Set(members)]);
    communityIds.set(spec.key, g.id);
    groups.push(g);
  }
  groups.push(group(prng, domain, 'unified', 'Data & Analytics Guild', 'data-analytics-guild', 'Communities around data: Power BI and Excel.',
    [communityIds.get('powerbi')!, communityIds.get('excel-power-users')!, NESTOR_WILKE_ID]));

  const learningPeople = people
    .filter((p) => p.user.department === 'Human Resources' && /Learning/.test(p.user.jobTitle ?? ''))
    .slice(0, 4)
    .map((p) => p.user.id);
  groups.push(group(prng, domain, 'security', 'Campus Organizers', 'campus-organizers', 'People who may organize Campus sessions.',
    [PATTI_FERNANDEZ_ID, ...learningPeople], CAMPUS_ORGANIZERS_GROUP_ID));
  return groups;
}
