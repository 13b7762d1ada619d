import { describe, expect, it } from 'vitest';
import { CampusError } from '../../errors.js';
import { parseAudienceRule } from './parse-audience-rule.js';
import { pid } from './test-support.js';

function failure(rule: unknown): CampusError {
  try {
    parseAudienceRule(rule);
  } catch (error) {
    if (error instanceof CampusError) return error;
    throw error;
  }
  throw new Error('the rule was accepted');
}

describe('parseAudienceRule', () => {
  it('reads every clause kind, trimming text and lower-casing ids', () => {
    const rule = {
      all: [
        { department: { is: [' Sales ', 'Finance'] } },
        { officeLocation: { is: ['London'] } },
        { city: { is: ['Paris'] } },
        { country: { is: ['France'] } },
        { employeeType: { is: ['Contractor'] } },
        { jobTitle: { startsWith: 'Senior' } },
        { any: [{ manager: { under: pid(2).toUpperCase() } }, { manager: { under: pid(3), scope: 'direct' } }] },
        { group: { memberOf: pid(90) } },
        { not: { people: { exclude: [pid(5), pid(5)] } } },
        { people: { include: [pid(6)] } },
        { attendance: { notAttendedTopic: ' Power BI ' } },
      ],
    };
    expect(parseAudienceRule(rule)).toEqual({
      all: [
        { department: { is: ['Sales', 'Finance'] } },
        { officeLocation: { is: ['London'] } },
        { city: { is: ['Paris'] } },
        { country: { is: ['France'] } },
        { employeeType: { is: ['Contractor'] } },
        { jobTitle: { startsWith: 'Senior' } },
        { any: [{ manager: { under: pid(2), scope: 'anyDepth' } }, { manager: { under: pid(3), scope: 'direct' } }] },
        { group: { memberOf: pid(90) } },
        { not: { people: { exclude: [pid(5)] } } },
        { people: { include: [pid(6)] } },
        { attendance: { notAttendedTopic: 'Power BI' } },
      ],
    });
  });

  const refused: Array<[string, unknown, string]> = [
    ['an unknown field', { all: [{ department: { is: ['Sales'] } }, { departmnt: { is: ['x'] } }] }, '/all/1/departmnt'],
    ['two fields in one clause', { department: { is: ['Sales'] }, city: { is: ['Paris'] } }, '/'],
    ['an empty clause', { all: [{}] }, '/all/0'],
    ['a clause that is not an object', { any: ['Sales'] }, '/any/0'],
    ['a bad job title operator', { all: [{ city: { is: ['Paris'] } }, { not: { jobTitle: { like: 'Sen%' } } }] }, '/all/1/not/jobTitle/like'],
    ['two job title operators', { jobTitle: { equals: 'a', contains: 'b' } }, '/jobTitle'],
    ['a bad operator on a value field', { department: { equals: 'Sales' } }, '/department/equals'],
    ['an empty job title', { all: [{ city: { is: ['Paris'] } }, { city: { is: ['Oslo'] } }, { jobTitle: { startsWith: '  ' } }] }, '/all/2/jobTitle/startsWith'],
    ['an empty value list', { department: { is: [] } }, '/department/is'],
    ['an empty value', { department: { is: ['Sales', ''] } }, '/department/is/1'],
    ['a value that is not text', { country: { is: [42] } }, '/country/is/0'],
    ['an empty all', { all: [] }, '/all'],
    ['a manager id that is not a GUID', { manager: { under: 'megan' } }, '/manager/under'],
    ['an unknown manager scope', { manager: { under: pid(1), scope: 'indirect' } }, '/manager/scope'],
    ['a missing manager', { manager: { scope: 'direct' } }, '/manager/under'],
    ['an unknown key beside memberOf', { group: { memberOf: pid(1), nested: true } }, '/group/nested'],
    ['people with both lists', { people: { include: [pid(1)], exclude: [pid(2)] } }, '/people'],
    ['an empty include list', { people: { include: [] } }, '/people/include'],
    ['an empty topic', { attendance: { notAttendedTopic: '' } }, '/attendance/notAttendedTopic'],
    ['a text over 200 characters', { jobTitle: { contains: 'x'.repeat(201) } }, '/jobTitle/contains'],
    ['a rule that is not an object', 'everyone', '/'],
  ];

  it.each(refused)('refuses %s with a 400 naming the clause', (_name, rule, field) => {
    const error = failure(rule);
    expect(error.code).toBe('CAMPUS_ERR_INVALID_AUDIENCE_RULE');
    expect(error.statusCode).toBe(400);
    expect(error.details).toEqual({ location: 'rule', field });
    expect(error.message).toContain(field === '/' ? 'rule' : `rule${field}`);
  });

  it('bounds the depth, the number of clauses and the number of ids', () => {
    let deep: unknown = { city: { is: ['Paris'] } };
    for (let level = 0; level < 8; level++) deep = { not: deep };
    expect(failure(deep).details).toEqual({ location: 'rule', field: '/not/not/not/not/not/not/not/not' });

    const wide = { any: Array.from({ length: 50 }, () => ({ city: { is: ['Paris'] } })) };
    expect(failure(wide).details).toEqual({ location: 'rule', field: '/any/49' });

    const ids = (from: number) => Array.from({ length: 600 }, (_, n) => pid(from + n));
    const many = { any: [{ people: { include: ids(0) } }, { people: { include: ids(1000) } }] };
    expect(failure(many).details).toEqual({ location: 'rule', field: '/any/1/people/include' });
  });
});
