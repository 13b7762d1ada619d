import { describe, expect, it } from 'vitest';
import type { AudienceRule } from '../api-types.js';
import { fromRule, nodeForPointer, splitValues, toRule } from './rule-json.js';
import {
  addAlternative,
  addChild,
  createClause,
  createGroup,
  createTree,
  type GroupNode,
} from './rule-tree.js';

const manager = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

/** department Marketing AND office Seattle HQ AND NOT (job title contains intern OR reports directly to someone). */
function sampleTree(): GroupNode {
  const exceptions = createGroup(
    'any',
    [
      createClause('jobTitle', { operator: 'contains', text: ' intern ' }),
      createClause('manager', { operator: 'direct', people: [{ id: manager, displayName: 'Ann' }] }),
    ],
    true,
  );
  return createGroup('all', [
    createClause('department', { text: 'Marketing' }),
    createClause('officeLocation', { text: 'Seattle HQ, London, , Seattle HQ' }),
    exceptions,
  ]);
}

const sampleRule: AudienceRule = {
  all: [
    { department: { is: ['Marketing'] } },
    { officeLocation: { is: ['Seattle HQ', 'London'] } },
    {
      not: { any: [{ jobTitle: { contains: 'intern' } }, { manager: { under: manager, scope: 'direct' } }] },
    },
  ],
};

describe('rule tree to API rule', () => {
  it('splits typed values on commas, trimmed, without empties or repeats', () => {
    expect(splitValues(' Finance, Sales,,Finance ')).toEqual(['Finance', 'Sales']);
  });

  it('writes each row as the API reads it, NOT as a wrapper', () => {
    expect(toRule(sampleTree()).rule).toEqual(sampleRule);
  });

  it('writes every field: group, people lists, attendance, employee type', () => {
    const tree = createGroup('any', [
      createClause('group', { text: ' 0a1b ' }),
      createClause('people', { operator: 'exclude', people: [{ id: manager, displayName: null }] }),
      createClause('attendance', { text: 'Power BI' }),
      createClause('employeeType', { text: 'Contractor' }),
      createClause('manager', { people: [{ id: manager, displayName: null }] }),
    ]);
    expect(toRule(tree).rule).toEqual({
      any: [
        { group: { memberOf: '0a1b' } },
        { people: { exclude: [manager] } },
        { attendance: { notAttendedTopic: 'Power BI' } },
        { employeeType: { is: ['Contractor'] } },
        { manager: { under: manager, scope: 'anyDepth' } },
      ],
    });
  });

  it('leaves unfinished rows out, says what they lack, and has no rule when nothing is complete', () => {
    const tree = createTree();
    const empty = tree.children[0]!;
    expect(toRule(tree)).toMatchObject({
      rule: null,
      incomplete: new Map([[empty.id, 'Enter at least one value.']]),
    });
    const title = createClause('jobTitle');
    const filled = createClause('city', { text: 'Paris' });
    const mixed = createGroup('all', [title, createGroup('any', [createClause('people')]), filled]);
    const translation = toRule(mixed);
    expect(translation.rule).toEqual({ all: [{ city: { is: ['Paris'] } }] });
    expect([...translation.incomplete.values()]).toEqual([
      'Enter a job title.',
      'Choose at least one person.',
    ]);
    // Numbered as sent: the city row is /all/0, not /all/2.
    expect(nodeForPointer(translation.pointers, '/all/0/city/is/0')).toBe(filled.id);
  });

  it('places the API pointer on the row it names, through NOT and nested groups', () => {
    const tree = sampleTree();
    const { pointers } = toRule(tree);
    const exceptions = tree.children[2] as GroupNode;
    expect(nodeForPointer(pointers, '/all/1/officeLocation/is/1')).toBe(tree.children[1]!.id);
    expect(nodeForPointer(pointers, '/all/2/not/any/1/manager/under')).toBe(exceptions.children[1]!.id);
    expect(nodeForPointer(pointers, '/all/2/not')).toBe(exceptions.id);
    expect(nodeForPointer(pointers, '/all/7/office')).toBe(tree.id);
    expect(nodeForPointer(pointers, '/')).toBe(tree.id);
    expect(nodeForPointer(pointers, undefined)).toBeNull();
  });
});

describe('API rule to rule tree', () => {
  it('reads a saved rule back into rows that write the same rule', () => {
    expect(toRule(fromRule(sampleRule)).rule).toEqual(sampleRule);
  });

  it('puts a single clause under an AND group, and keeps NOT NOT', () => {
    const tree = fromRule({ people: { include: [manager] } });
    expect(tree).toMatchObject({
      kind: 'group',
      join: 'all',
      children: [{ field: 'people', operator: 'include', people: [{ id: manager, displayName: null }] }],
    });
    const oslo: AudienceRule = { city: { is: ['Oslo'] } };
    expect(toRule(fromRule({ not: { not: oslo } })).rule).toEqual({ not: { all: [{ not: oslo }] } });
  });

  it('keeps a row added by "or" in the rule once it is filled', () => {
    const tree = fromRule({
      all: [{ department: { is: ['Marketing'] } }, { officeLocation: { is: ['Seattle HQ'] } }],
    });
    const office = tree.children[1]!;
    const withOr = addAlternative(tree, office.id, createClause('officeLocation', { text: 'London' }));
    const filled = addChild(withOr, withOr.id, createClause('country', { text: 'Japan' }));
    const rule = toRule(filled).rule;
    expect(rule).toEqual({
      all: [
        { department: { is: ['Marketing'] } },
        { any: [{ officeLocation: { is: ['Seattle HQ'] } }, { officeLocation: { is: ['London'] } }] },
        { country: { is: ['Japan'] } },
      ],
    });
  });

  it('refuses a rule it cannot show rather than dropping part of it', () => {
    expect(() => fromRule({ office: { is: ['x'] } } as unknown as AudienceRule)).toThrow(/cannot show/);
  });
});
