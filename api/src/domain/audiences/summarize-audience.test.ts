import { describe, expect, it } from 'vitest';
import { Bitset } from './bitset.js';
import { DirectoryIndex } from './directory-index.js';
import { buildManagerTree, rowsUnder } from './manager-tree.js';
import { BREAKDOWN_TOP, SAMPLE_SIZE, summarizeAudience } from './summarize-audience.js';
import { person, smallOrganization } from './test-support.js';

describe('summarizeAudience', () => {
  it('counts members by office, department and time zone, unset values apart', () => {
    const index = DirectoryIndex.of(smallOrganization());
    const preview = summarizeAudience(index, index.eligible, []);
    expect(preview.total).toBe(13);
    expect(preview.byOffice).toEqual([
      { value: 'Seattle HQ', count: 10, other: false },
      { value: 'London', count: 1, other: false },
      { value: 'Paris', count: 2, other: false },
    ].sort((a, b) => b.count - a.count));
    expect(preview.byDepartment).toEqual([
      { value: 'Sales', count: 9, other: false },
      { value: 'Engineering', count: 3, other: false },
      { value: 'Executive Office', count: 1, other: false },
    ]);
    expect(preview.byTimeZone).toEqual([
      { value: 'Pacific Standard Time', count: 10, other: false },
      { value: 'GMT Standard Time', count: 1, other: false },
      { value: 'Romance Standard Time', count: 1, other: false },
      { value: null, count: 1, other: false },
    ]);
    expect(preview.sample).toHaveLength(SAMPLE_SIZE);
    expect(new Set(preview.sample.map((member) => member.id)).size).toBe(SAMPLE_SIZE);
  });

  it('names the top offices and adds up the rest as other', () => {
    const people = Array.from({ length: 60 }, (_, n) => person(n + 1, { officeLocation: `Office ${String(n % 15).padStart(2, '0')}` }));
    const index = DirectoryIndex.of(people);
    const { byOffice, total } = summarizeAudience(index, index.eligible, []);
    expect(total).toBe(60);
    expect(byOffice).toHaveLength(BREAKDOWN_TOP + 1);
    expect(byOffice.slice(0, 2)).toEqual([
      { value: 'Office 00', count: 4, other: false },
      { value: 'Office 01', count: 4, other: false },
    ]);
    expect(byOffice.at(-1)).toEqual({ value: null, count: 20, other: true });
  });

  it('samples the same members every time, spread over the whole audience', () => {
    const people = Array.from({ length: 200 }, (_, n) => person(n + 1));
    const index = DirectoryIndex.of(people);
    const first = summarizeAudience(index, index.eligible, []).sample.map((member) => member.id);
    const again = summarizeAudience(DirectoryIndex.of([...people].reverse()), index.eligible, []).sample.map((member) => member.id);
    expect(again).toEqual(first);
    const rows = first.map((id) => index.rowOf(id));
    expect(rows).toEqual([0, 20, 40, 60, 80, 100, 120, 140, 160, 180]);
  });

  it('answers an empty audience with zeros and no sample', () => {
    const index = DirectoryIndex.of(smallOrganization());
    expect(summarizeAudience(index, new Bitset(index.size), [])).toEqual({ total: 0, byOffice: [], byDepartment: [], byTimeZone: [], sample: [], warnings: [] });
  });
});

describe('the manager tree', () => {
  it('puts everyone under a person in one range, and survives a reporting cycle', () => {
    // 0 ← 1 ← 2, 0 ← 3; 4 and 5 report to each other (bad data).
    const tree = buildManagerTree(Int32Array.from([-1, 0, 1, 0, 5, 4]));
    expect([...rowsUnder(tree, 0)].sort()).toEqual([1, 2, 3]);
    expect([...rowsUnder(tree, 1)]).toEqual([2]);
    expect([...rowsUnder(tree, 3)]).toEqual([]);
    expect([...rowsUnder(tree, 4)]).toEqual([5]);
    expect([...tree.preorder].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('Bitset', () => {
  it('combines, negates within its size and lists rows from a position', () => {
    const a = Bitset.of(70, [0, 31, 32, 69]);
    const b = Bitset.of(70, [31, 40]);
    expect([...a.and(b).rows()]).toEqual([31]);
    expect([...a.or(b).rows()]).toEqual([0, 31, 32, 40, 69]);
    expect([...a.andNot(b).rows()]).toEqual([0, 32, 69]);
    expect(a.not().count()).toBe(66);
    expect(Bitset.full(70).count()).toBe(70);
    expect([...a.rows(32)]).toEqual([32, 69]);
    expect([...a.rows(33)]).toEqual([69]);
  });
});
