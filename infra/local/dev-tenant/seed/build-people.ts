import type { DirectoryUser } from '../state.js';
import { DEPARTMENTS, EXECUTIVE_DEPARTMENT, GIVEN_NAMES, OFFICES, SURNAMES, TOPIC_RESPONSIBILITIES, type DepartmentSpec, type OfficeSpec } from './catalog.js';
import { devPersonas, type DevPersona } from './personas.js';
import type { Prng } from './prng.js';

/** Where a seeded person sits in the hierarchy; groups and events are drawn from it. */
export type Level = 'ceo' | 'vp' | 'director' | 'manager' | 'ic';

export interface SeededPerson {
  user: DirectoryUser;
  level: Level;
}

const ALL_TOPICS = [...new Set(DEPARTMENTS.flatMap((d) => d.topics))];

/** Splits `total` by weights with the largest-remainder method, so the parts always add up. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  const deficit = total - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < deficit; k++) parts[order[k]!.i]! += 1;
  return parts;
}

function asciiAlias(value: string): string {
  return value.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
}

class PeopleFactory {
  readonly people: SeededPerson[] = [];
  private readonly usedUpns = new Set<string>(devPersonas.map((p) => p.userPrincipalName.toLowerCase()));
  private readonly upnCounters = new Map<string, number>();
  private readonly usedIds = new Set<string>(devPersonas.map((p) => p.id));
  private readonly officeWeights = OFFICES.map((o) => o.weight);

  constructor(private readonly prng: Prng, private readonly domain: string) {}

  office(): OfficeSpec {
    let roll = this.prng.next() * this.officeWeights.reduce((a, b) => a + b, 0);
    for (const office of OFFICES) {
      roll -= office.weight;
      if (roll < 0) return office;
    }
    return OFFICES[0]!;
  }

  private id(): string {
    let id = this.prng.guid();
    while (this.usedIds.has(id)) id = this.prng.guid();
    this.usedIds.add(id);
    return id;
  }

  private upn(givenName: string, surname: string): string {
    const base = `${asciiAlias(givenName)}.${asciiAlias(surname)}`;
    // Counting per base keeps 100k people linear: common names would otherwise probe long chains.
    let n = this.upnCounters.get(base) ?? 1;
    let candidate = n === 1 ? `${base}@${this.domain}` : `${base}${n}@${this.domain}`;
    while (this.usedUpns.has(candidate)) candidate = `${base}${++n}@${this.domain}`;
    this.upnCounters.set(base, n + 1);
    this.usedUpns.add(candidate);
    return candidate;
  }

  private profile(topics: readonly string[]): Pick<DirectoryUser, 'skills' | 'responsibilities' | 'aboutMe'> {
    const skills = this.prng.sample(topics, this.prng.int(1, 3));
    if (this.prng.chance(0.25)) {
      const extra = this.prng.pick(ALL_TOPICS);
      if (!skills.includes(extra)) skills.push(extra);
    }
    const responsibilities = skills.map((s) => TOPIC_RESPONSIBILITIES[s]).filter((r): r is string => !!r).slice(0, 2);
    const aboutMe = this.prng.chance(0.6) ? `I work mostly with ${skills.join(', ')}. Ask me about ${skills[0]}.` : null;
    return { skills, responsibilities, aboutMe };
  }

  add(level: Level, department: string, jobTitle: string, managerId: string | null, office: OfficeSpec, topics: readonly string[], employeeType = 'Employee'): DirectoryUser {
    const givenName = this.prng.pick(GIVEN_NAMES);
    const surname = this.prng.pick(SURNAMES);
    const userPrincipalName = this.upn(givenName, surname);
    const user: DirectoryUser = {
      id: this.id(), displayName: `${givenName} ${surname}`, givenName, surname, userPrincipalName, mail: userPrincipalName,
      jobTitle, department, officeLocation: office.officeLocation, city: office.city, country: office.country,
      usageLocation: office.usageLocation, employeeType, accountEnabled: level !== 'ic' || !this.prng.chance(0.02),
      preferredLanguage: office.preferredLanguage, ...this.profile(topics), managerId, mailboxTimeZone: office.timeZone,
    };
    this.people.push({ user, level });
    return user;
  }

  addPersona(persona: DevPersona, level: Level, managerId: string | null): void {
    const office = OFFICES.find((o) => o.officeLocation === persona.officeLocation) ?? OFFICES[0]!;
    this.people.push({
      level,
      user: {
        id: persona.id, displayName: persona.displayName, givenName: persona.givenName, surname: persona.surname,
        userPrincipalName: persona.userPrincipalName, mail: persona.userPrincipalName, jobTitle: persona.jobTitle,
        department: persona.department, officeLocation: office.officeLocation, city: office.city, country: office.country,
        usageLocation: office.usageLocation, employeeType: 'Employee', accountEnabled: true, preferredLanguage: office.preferredLanguage,
        skills: [...persona.skills], responsibilities: [...persona.responsibilities], aboutMe: persona.aboutMe,
        managerId, mailboxTimeZone: office.timeZone,
      },
    });
  }
}

function icTitle(prng: Prng, spec: DepartmentSpec): { title: string; employeeType: string } {
  const role = prng.pick(spec.roles);
  const roll = prng.next();
  if (roll < 0.05) return { title: `${role} Intern`, employeeType: 'Intern' };
  if (roll < 0.15) return { title: role, employeeType: 'Contractor' };
  if (roll < 0.35) return { title: `Senior ${role}`, employeeType: 'Employee' };
  if (roll < 0.5) return { title: `Associate ${role}`, employeeType: 'Employee' };
  return { title: role, employeeType: 'Employee' };
}

/**
 * Builds `size` people: a CEO, one executive per department, directors, managers and individual contributors
 * (with associates under seniors in larger teams, so chains run six levels deep), plus the fixed personas.
 */
export function buildPeople(prng: Prng, size: number, domain: string): SeededPerson[] {
  const factory = new PeopleFactory(prng, domain);
  const seattle = OFFICES[0]!;
  const ceo = factory.add('ceo', EXECUTIVE_DEPARTMENT, 'Chief Executive Officer', null, seattle, ['Power BI', 'Excel macros']);
  const generated = Math.max(0, size - 1 - devPersonas.length);
  const counts = apportion(generated, DEPARTMENTS.map((d) => d.weight));
  const managersByDepartment = new Map<string, DirectoryUser[]>();
  const allManagers: DirectoryUser[] = [];

  DEPARTMENTS.forEach((spec, index) => {
    let remaining = counts[index]!;
    if (remaining === 0) return;
    const hq = prng.chance(0.7) ? seattle : factory.office();
    const vp = factory.add('vp', spec.name, spec.vp, ceo.id, hq, spec.topics);
    remaining -= 1;
    const directorCount = remaining >= 4 ? Math.max(1, Math.round(remaining / 120)) : 0;
    const directors = Array.from({ length: Math.min(directorCount, remaining) }, () =>
      factory.add('director', spec.name, spec.director, vp.id, factory.office(), spec.topics));
    remaining -= directors.length;
    const managerCount = remaining >= 3 ? Math.max(1, Math.round(remaining / 9)) : 0;
    const managers = Array.from({ length: Math.min(managerCount, remaining) }, (_, i) => {
      const boss = directors.length ? directors[i % directors.length]! : vp;
      return factory.add('manager', spec.name, prng.pick(spec.manager), boss.id, factory.office(), spec.topics);
    });
    remaining -= managers.length;
    managersByDepartment.set(spec.name, managers.length ? managers : directors.length ? directors : [vp]);
    allManagers.push(...managers);
    const teamLeads = new Map<string, DirectoryUser>();
    for (let i = 0; i < remaining; i++) {
      const own = managers.length ? managers[i % managers.length]! : directors[0] ?? vp;
      // A few people report across departments (matrix teams); most stay in their own department.
      const manager = allManagers.length && prng.chance(0.03) ? prng.pick(allManagers) : own;
      const office = prng.chance(0.8) ? OFFICES.find((o) => o.officeLocation === manager.officeLocation) ?? factory.office() : factory.office();
      const { title, employeeType } = icTitle(prng, spec);
      const lead = teamLeads.get(manager.id);
      const reportsTo = title.startsWith('Associate') && lead ? lead.id : manager.id;
      const user = factory.add('ic', spec.name, title, reportsTo, office, spec.topics, employeeType);
      if (title.startsWith('Senior') && !teamLeads.has(manager.id)) teamLeads.set(manager.id, user);
    }
  });

  const firstIn = (department: string, predicate: (u: DirectoryUser) => boolean = () => true): DirectoryUser =>
    managersByDepartment.get(department)?.find(predicate) ?? managersByDepartment.get(department)?.[0] ?? ceo;
  for (const persona of devPersonas) {
    if (persona.managerPersonaId) factory.addPersona(persona, 'ic', persona.managerPersonaId);
    else if (persona.role === 'manager') {
      const director = factory.people.find((p) => p.level === 'director' && p.user.department === persona.department)?.user
        ?? factory.people.find((p) => p.level === 'vp' && p.user.department === persona.department)?.user ?? ceo;
      factory.addPersona(persona, 'manager', director.id);
    } else {
      factory.addPersona(persona, 'ic', firstIn(persona.department, (u) => u.officeLocation === persona.officeLocation).id);
    }
  }
  return factory.people;
}
