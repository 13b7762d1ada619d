import { Bitset } from './bitset.js';
import { Dictionary, listAt, packLists, postingsOf, type PackedLists } from './dictionary.js';
import { buildManagerTree, type ManagerTree } from './manager-tree.js';

/** One person as the audience index keeps them: the stored directory person, with aboutMe reduced to its words. */
export interface IndexedPerson {
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  city: string | null;
  country: string | null;
  employeeType: string | null;
  /** Windows time zone name of the mailbox, null until known. */
  timeZone: string | null;
  accountEnabled: boolean;
  deleted: boolean;
  managerId: string | null;
  skills: string[];
  responsibilities: string[];
  /** Distinct search words of aboutMe (see wordsOf). */
  aboutMeWords: string[];
  /** Epoch milliseconds of the sync round that last reported the person. */
  syncedAt: number;
}

export const categoricalFields = ['jobTitle', 'department', 'officeLocation', 'city', 'country', 'employeeType', 'timeZone'] as const;
export type CategoricalField = (typeof categoricalFields)[number];

/** A field with few distinct values: a code per person and, per value, the people who have it. */
export interface CategoricalColumn {
  dictionary: Dictionary;
  codes: Int32Array;
  postings: PackedLists;
}

/** A list field (skills, responsibilities, aboutMe words): codes per person. */
export interface ListColumn {
  dictionary: Dictionary;
  lists: PackedLists;
}

// Building runs over every person several times: plain loops, as Int32Array.from(array, fn) and chains of
// map/filter/Set per person cost seconds at 100,000 people.
function listColumn(people: IndexedPerson[], read: (person: IndexedPerson) => string[]): ListColumn {
  const dictionary = new Dictionary();
  const lists: number[][] = new Array(people.length);
  for (let row = 0; row < people.length; row++) {
    const codes: number[] = [];
    for (const value of read(people[row]!)) {
      const code = dictionary.intern(value);
      if (code >= 0 && !codes.includes(code)) codes.push(code);
    }
    lists[row] = codes;
  }
  return { dictionary, lists: packLists(lists) };
}

function int32Column<T>(items: T[], read: (item: T) => number): Int32Array {
  const column = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) column[i] = read(items[i]!);
  return column;
}

let builds = 0;

/**
 * An immutable, columnar snapshot of one tenant's directory, rows in id order (so a person id is a stable paging
 * cursor and lookups are a binary search, with no map of 100,000 keys). Rules evaluate against it as set
 * operations; it is rebuilt, never edited, when the directory changes.
 */
export class DirectoryIndex {
  /** Distinguishes snapshots, for caches keyed by snapshot. */
  readonly build = ++builds;
  readonly size: number;
  readonly ids: string[];
  readonly displayNames: string[];
  readonly mails: Array<string | null>;
  readonly userPrincipalNames: string[];
  readonly managerIds: Array<string | null>;
  readonly managerRows: Int32Array;
  readonly tree: ManagerTree;
  readonly columns: Record<CategoricalField, CategoricalColumn>;
  readonly skills: ListColumn;
  readonly responsibilities: ListColumn;
  readonly aboutMeWords: ListColumn;
  readonly enabled: Uint8Array;
  readonly deleted: Uint8Array;
  readonly syncedAt: Float64Array;
  /** Enabled and not deleted: the only people a rule can select. */
  readonly eligible: Bitset;
  /** Derived data computed on first use for this snapshot (group sets, search words), dropped with it. */
  readonly memo = new Map<string, unknown>();

  constructor(people: Iterable<IndexedPerson>) {
    const byId = new Map<string, IndexedPerson>();
    for (const person of people) byId.set(person.id.toLowerCase(), person);
    const ids = [...byId.keys()].sort();
    const sorted = ids.map((id) => byId.get(id)!);
    this.size = ids.length;
    this.ids = ids;
    this.displayNames = sorted.map((person) => person.displayName);
    this.mails = sorted.map((person) => person.mail);
    this.userPrincipalNames = sorted.map((person) => person.userPrincipalName);
    this.managerIds = sorted.map((person) => person.managerId?.toLowerCase() ?? null);
    this.managerRows = int32Column(this.managerIds, (managerId) => (managerId === null ? -1 : this.rowOf(managerId)));
    this.tree = buildManagerTree(this.managerRows);
    const column = (field: CategoricalField): CategoricalColumn => {
      const dictionary = new Dictionary();
      const codes = int32Column(sorted, (person) => dictionary.intern(person[field]));
      return { dictionary, codes, postings: postingsOf(codes, dictionary.size) };
    };
    this.columns = Object.fromEntries(categoricalFields.map((field) => [field, column(field)])) as Record<CategoricalField, CategoricalColumn>;
    this.skills = listColumn(sorted, (person) => person.skills);
    this.responsibilities = listColumn(sorted, (person) => person.responsibilities);
    this.aboutMeWords = listColumn(sorted, (person) => person.aboutMeWords);
    this.enabled = new Uint8Array(this.size);
    this.deleted = new Uint8Array(this.size);
    this.syncedAt = new Float64Array(this.size);
    this.eligible = new Bitset(this.size);
    for (let row = 0; row < this.size; row++) {
      const person = sorted[row]!;
      this.enabled[row] = person.accountEnabled ? 1 : 0;
      this.deleted[row] = person.deleted ? 1 : 0;
      this.syncedAt[row] = person.syncedAt;
      if (person.accountEnabled && !person.deleted) this.eligible.add(row);
    }
  }

  /** The row of a person id (case-insensitive), or -1. */
  rowOf(id: string): number {
    const key = id.toLowerCase();
    let low = 0;
    let high = this.ids.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const probe = this.ids[middle]!;
      if (probe === key) return middle;
      if (probe < key) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** The first row whose id sorts after `id` (a paging cursor). */
  rowAfter(id: string): number {
    const key = id.toLowerCase();
    let low = 0;
    let high = this.ids.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.ids[middle]! <= key) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  value(field: CategoricalField, row: number): string | null {
    const column = this.columns[field];
    return column.dictionary.valueOf(column.codes[row]!);
  }

  person(row: number): IndexedPerson {
    const values = (column: ListColumn) => {
      const result: string[] = [];
      for (const code of listAt(column.lists, row)) result.push(column.dictionary.values[code]!);
      return result;
    };
    return {
      id: this.ids[row]!,
      displayName: this.displayNames[row]!,
      mail: this.mails[row]!,
      userPrincipalName: this.userPrincipalNames[row]!,
      jobTitle: this.value('jobTitle', row),
      department: this.value('department', row),
      officeLocation: this.value('officeLocation', row),
      city: this.value('city', row),
      country: this.value('country', row),
      employeeType: this.value('employeeType', row),
      timeZone: this.value('timeZone', row),
      accountEnabled: this.enabled[row] === 1,
      deleted: this.deleted[row] === 1,
      managerId: this.managerIds[row]!,
      skills: values(this.skills),
      responsibilities: values(this.responsibilities),
      aboutMeWords: values(this.aboutMeWords),
      syncedAt: this.syncedAt[row]!,
    };
  }

  /** Everyone, as records: what the next snapshot is built from when changes arrive. */
  *people(): Generator<IndexedPerson> {
    for (let row = 0; row < this.size; row++) yield this.person(row);
  }

  /** A value computed once per snapshot. */
  memoize<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }
}
