import { describe, expect, it } from 'vitest';
import { DirectoryIndex } from './directory-index.js';
import { isSuggestableField, listFieldValues } from './field-values.js';
import { person, smallOrganization } from './test-support.js';

const index = DirectoryIndex.of([
  ...smallOrganization(),
  person(40, { department: 'Finance' }),
  person(41, { department: 'FINANCE' }),
  person(42, { department: 'Corporate Finance' }),
  person(43, { department: 'Refinancing' }),
  person(44, { department: 'Field Sales', accountEnabled: false }),
]);

describe('listFieldValues', () => {
  it('counts enabled, not deleted people per value, one value whatever its case', () => {
    const values = listFieldValues(index, 'department', '', 50);
    expect(values.find((v) => v.value === 'Finance')).toEqual({ value: 'Finance', people: 2 });
    // Person 6 is disabled and 7 deleted: both in Sales, neither counted.
    const sales = smallOrganization().filter(
      (p) => p.department === 'Sales' && p.accountEnabled && !p.deleted,
    ).length;
    expect(values[0]).toEqual({ value: 'Sales', people: sales });
    expect(values.map((v) => v.value)).not.toContain('Field Sales');
  });

  it('ranks values starting with the text, then a word starting with it, then containing it', () => {
    expect(listFieldValues(index, 'department', ' FIN', 10).map((v) => v.value)).toEqual([
      'Finance',
      'Corporate Finance',
      'Refinancing',
    ]);
    expect(listFieldValues(index, 'department', 'fin', 2).map((v) => v.value)).toEqual([
      'Finance',
      'Corporate Finance',
    ]);
    expect(listFieldValues(index, 'department', 'zzz', 10)).toEqual([]);
  });

  it('follows a new snapshot: a value whose people all left is no longer suggested', () => {
    const changed = index.withChanges(new Map([[person(43).id, person(43, { department: 'Finance' })]]));
    expect(listFieldValues(changed, 'department', 'fin', 10)).toEqual([
      { value: 'Finance', people: 3 },
      { value: 'Corporate Finance', people: 1 },
    ]);
  });

  it('knows the six organization fields and nothing else', () => {
    expect(
      ['department', 'jobTitle', 'officeLocation', 'city', 'country', 'employeeType'].every(
        isSuggestableField,
      ),
    ).toBe(true);
    expect(isSuggestableField('timeZone')).toBe(false);
    expect(isSuggestableField('office')).toBe(false);
  });
});
