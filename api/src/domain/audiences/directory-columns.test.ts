import { describe, expect, it } from 'vitest';
import { DirectoryIndex, type IndexedPerson } from './directory-index.js';
import { evaluateRule } from './evaluate-rule.js';
import { parseAudienceRule } from './parse-audience-rule.js';
import { fakeRuleInputs, person, pid, smallOrganization } from './test-support.js';

/** A deterministic pseudo-random sequence (a linear congruential generator), so the test is the same every run. */
function sequence(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % below;
  };
}

const departments = ['Sales', 'Finance', 'Engineering', 'sales'];
const skills = ['SAP', 'Power BI', 'Excel macros', 'Figma'];

function generated(count: number, next: (below: number) => number): IndexedPerson[] {
  return Array.from({ length: count }, (_, n) =>
    person(1000 + n * 2, {
      department: departments[next(departments.length)]!,
      jobTitle: next(2) ? 'Analyst' : 'Senior Analyst',
      managerId: n === 0 ? pid(1) : pid(1000 + next(n) * 2),
      skills: [skills[next(skills.length)]!, skills[next(skills.length)]!],
      aboutMeWords: next(3) ? ['ledger'] : [],
      accountEnabled: next(10) > 0,
    }),
  );
}

describe('a snapshot built from changes', () => {
  it('equals a snapshot built from scratch from the same people', async () => {
    const next = sequence(7);
    const base = [...smallOrganization(), ...generated(300, next)];
    const changed = new Map<string, IndexedPerson>();
    // Existing people changed (new values too), new people between existing ids and after them, one deleted.
    for (const original of base.filter((_, n) => n % 7 === 0)) {
      changed.set(original.id, { ...original, department: 'Marketing', skills: ['Kubernetes', 'SAP'], aboutMeWords: ['helm'], managerId: pid(2) });
    }
    for (let n = 0; n < 40; n++) changed.set(pid(1001 + n * 2), person(1001 + n * 2, { department: 'Legal', managerId: pid(1000), officeLocation: 'Oslo' }));
    changed.set(pid(5000), person(5000, { managerId: pid(13) }));
    changed.set(pid(3), { ...base.find((entry) => entry.id === pid(3))!, deleted: true });

    const patched = DirectoryIndex.of(base).withChanges(changed);
    const merged = new Map(base.map((entry) => [entry.id, entry]));
    for (const [id, entry] of changed) merged.set(id, entry);
    const scratch = DirectoryIndex.of(merged.values());

    expect(patched.size).toBe(base.length + 41);
    expect([...patched.people()]).toEqual([...scratch.people()]);
    for (const rule of [
      { manager: { under: pid(1) } },
      { manager: { under: pid(1000), scope: 'direct' } },
      { all: [{ department: { is: ['Marketing', 'Legal'] } }, { not: { officeLocation: { is: ['Oslo'] } } }] },
      { jobTitle: { startsWith: 'senior' } },
    ]) {
      const parsed = parseAudienceRule(rule);
      const [fromPatch, fromScratch] = await Promise.all([evaluateRule(parsed, patched, fakeRuleInputs()), evaluateRule(parsed, scratch, fakeRuleInputs())]);
      expect([...fromPatch.members.rows()]).toEqual([...fromScratch.members.rows()]);
    }
  });

  it('is the same snapshot when nothing changed', () => {
    const index = DirectoryIndex.of(smallOrganization());
    expect(index.withChanges(new Map())).toBe(index);
  });
});
