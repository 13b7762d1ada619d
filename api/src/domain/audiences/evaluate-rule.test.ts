import { describe, expect, it } from 'vitest';
import { DirectoryIndex } from './directory-index.js';
import { evaluateRule, type RuleInputs } from './evaluate-rule.js';
import { parseAudienceRule } from './parse-audience-rule.js';
import { fakeRuleInputs, pid, smallOrganization } from './test-support.js';

const index = DirectoryIndex.of(smallOrganization());
const GROUP = pid(900);

async function membersOf(rule: unknown, inputs: RuleInputs = fakeRuleInputs()): Promise<number[]> {
  const { members } = await evaluateRule(parseAudienceRule(rule), index, inputs);
  return [...members.rows()].map((row) => Number(index.ids[row]!.slice(-12)));
}

describe('evaluateRule', () => {
  it('selects by department, office, city, country and employee type, case-insensitively', async () => {
    expect(await membersOf({ department: { is: ['ENGINEERING'] } })).toEqual([13, 14, 15]);
    expect(await membersOf({ officeLocation: { is: ['london', 'Nowhere'] } })).toEqual([11]);
    expect(await membersOf({ city: { is: ['Paris'] } })).toEqual([14, 15]);
    expect(await membersOf({ country: { is: ['united kingdom', 'France'] } })).toEqual([11, 14, 15]);
    expect(await membersOf({ employeeType: { is: ['contractor', 'Intern'] } })).toEqual([14, 15]);
  });

  it('matches job titles by equality, prefix and substring, case-insensitively', async () => {
    expect(await membersOf({ jobTitle: { equals: 'account executive' } })).toEqual([5, 11]);
    expect(await membersOf({ jobTitle: { startsWith: 'VP of' } })).toEqual([2, 13]);
    expect(await membersOf({ jobTitle: { contains: 'ENGINEER' } })).toEqual([13, 14, 15]);
  });

  it('never selects disabled or deleted accounts', async () => {
    expect(await membersOf({ manager: { under: pid(4), scope: 'direct' } })).toEqual([5, 8]);
    expect(await membersOf({ people: { include: [pid(6), pid(7), pid(5)] } })).toEqual([5]);
  });

  it('follows the manager chain at any depth from a VP, a director and a manager', async () => {
    expect(await membersOf({ manager: { under: pid(1) } })).toEqual([2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(await membersOf({ manager: { under: pid(2) } })).toEqual([3, 4, 5, 8, 9, 10, 11, 12]);
    expect(await membersOf({ manager: { under: pid(3), scope: 'anyDepth' } })).toEqual([4, 5, 8, 9, 10, 11]);
    expect(await membersOf({ manager: { under: pid(4) } })).toEqual([5, 8, 9]);
    expect(await membersOf({ manager: { under: pid(9) } })).toEqual([]);
  });

  it('takes direct reports only when asked', async () => {
    expect(await membersOf({ manager: { under: pid(2), scope: 'direct' } })).toEqual([3, 12]);
    expect(await membersOf({ manager: { under: pid(1), scope: 'direct' } })).toEqual([2, 13]);
  });

  it('takes group members as Graph lists them (transitively, nested groups flattened)', async () => {
    const inputs = fakeRuleInputs({ [GROUP]: [pid(5), pid(14).toUpperCase(), pid(6), pid(999)] });
    expect(await membersOf({ group: { memberOf: GROUP } }, inputs)).toEqual([5, 14]);
  });

  it('includes and excludes explicit people', async () => {
    expect(await membersOf({ any: [{ city: { is: ['Paris'] } }, { people: { include: [pid(11)] } }] })).toEqual([11, 14, 15]);
    expect(await membersOf({ all: [{ manager: { under: pid(3) } }, { people: { exclude: [pid(4), pid(10)] } }] })).toEqual([5, 8, 9, 11]);
  });

  it('negates a clause within the eligible directory', async () => {
    expect(await membersOf({ not: { department: { is: ['Sales'] } } })).toEqual([1, 13, 14, 15]);
  });

  it('leaves out people who attended a session whose title contains the topic', async () => {
    const inputs = fakeRuleInputs({}, { 'Power BI for month-end': [pid(5), pid(12)], 'SAP basics': [pid(11)] });
    const rule = { all: [{ department: { is: ['Sales'] } }, { attendance: { notAttendedTopic: 'power bi' } }] };
    expect(await membersOf(rule, inputs)).toEqual([2, 3, 4, 8, 9, 10, 11]);
  });

  it('combines AND, OR and NOT with a group', async () => {
    const inputs = fakeRuleInputs({ [GROUP]: [pid(9), pid(11), pid(14)] });
    const rule = {
      all: [
        { any: [{ manager: { under: pid(3) } }, { department: { is: ['Engineering'] } }] },
        { not: { jobTitle: { startsWith: 'VP' } } },
        { any: [{ group: { memberOf: GROUP } }, { jobTitle: { contains: 'manager' } }] },
      ],
    };
    expect(await membersOf(rule, inputs)).toEqual([4, 9, 10, 11, 14]);
  });

  it('lets a manager or group that has gone select nobody, with a warning naming the clause', async () => {
    const rule = parseAudienceRule({ any: [{ city: { is: ['London'] } }, { manager: { under: pid(7) } }, { group: { memberOf: GROUP } }] });
    const { members, warnings } = await evaluateRule(rule, index, fakeRuleInputs());
    expect(members.count()).toBe(1);
    expect(warnings).toEqual([
      { field: '/any/1/manager/under', message: `person '${pid(7)}' is not in the directory` },
      { field: '/any/2/group/memberOf', message: `group '${GROUP}' does not exist` },
    ]);
  });
});
