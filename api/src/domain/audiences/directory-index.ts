import type { Person } from '../people/person.js';
import { Bitset } from './bitset.js';
import { listAt, postingsOf, type PackedLists } from './dictionary.js';
import {
  categoricalFields,
  columnsOf,
  mergeColumns,
  type CategoricalField,
  type DirectoryColumns,
  type IndexedPerson,
  type ListField,
} from './directory-columns.js';
import { buildManagerTree, type ManagerTree } from './manager-tree.js';
import type { Dictionary } from './dictionary.js';

export { categoricalFields, type CategoricalField, type IndexedPerson } from './directory-columns.js';

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

let builds = 0;

/**
 * An immutable, columnar snapshot of one tenant's directory, rows in id order (so a person id is a stable paging
 * cursor and lookups are a binary search, with no map of 100,000 keys). Rules evaluate against it as set
 * operations. Changes make a new snapshot (withChanges) that copies the columns and writes only the changed people.
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
  /** Derived data computed on first use for this snapshot (group sets, value sets), dropped with it. */
  readonly memo = new Map<string, unknown>();

  static of(people: Iterable<IndexedPerson>): DirectoryIndex {
    return new DirectoryIndex(columnsOf(people));
  }

  private constructor(private readonly data: DirectoryColumns) {
    this.size = data.ids.length;
    this.ids = data.ids;
    this.displayNames = data.displayNames;
    this.mails = data.mails;
    this.userPrincipalNames = data.userPrincipalNames;
    this.managerIds = data.managerIds;
    this.enabled = data.enabled;
    this.deleted = data.deleted;
    this.syncedAt = data.syncedAt;
    this.managerRows = new Int32Array(this.size);
    for (let row = 0; row < this.size; row++) {
      const managerId = data.managerIds[row];
      const manager = managerId ? this.rowOf(managerId) : -1;
      this.managerRows[row] = manager === row ? -1 : manager;
    }
    this.tree = buildManagerTree(this.managerRows);
    this.columns = Object.fromEntries(
      categoricalFields.map((field) => {
        const dictionary = data.dictionaries[field];
        return [
          field,
          { dictionary, codes: data.codes[field], postings: postingsOf(data.codes[field], dictionary.size) },
        ];
      }),
    ) as Record<CategoricalField, CategoricalColumn>;
    const list = (field: ListField): ListColumn => ({
      dictionary: data.dictionaries[field],
      lists: data.lists[field],
    });
    this.skills = list('skills');
    this.responsibilities = list('responsibilities');
    this.aboutMeWords = list('aboutMeWords');
    this.eligible = new Bitset(this.size);
    for (let row = 0; row < this.size; row++)
      if (this.enabled[row] && !this.deleted[row]) this.eligible.add(row);
  }

  /** A new snapshot with these people written over (or added); everyone else is copied as it is. */
  withChanges(changed: Map<string, IndexedPerson>): DirectoryIndex {
    return changed.size === 0 ? this : new DirectoryIndex(mergeColumns(this.data, changed));
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

  /** A person as Campus names them to users (Person); the mail falls back to the user principal name. */
  asPerson(row: number): Person {
    return {
      id: this.ids[row]!,
      displayName: this.displayNames[row]!,
      mail: this.mails[row] ?? this.userPrincipalNames[row]!,
      jobTitle: this.value('jobTitle', row),
      department: this.value('department', row),
      officeLocation: this.value('officeLocation', row),
    };
  }

  /** A person as a record (for the few people a change touches, and for tests). */
  person(row: number): IndexedPerson {
    const values = (column: ListColumn) =>
      Array.from(listAt(column.lists, row), (code) => column.dictionary.values[code]!);
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

  /** Everyone, as records. */
  *people(): Generator<IndexedPerson> {
    for (let row = 0; row < this.size; row++) yield this.person(row);
  }

  /** A value computed once per snapshot. */
  memoize<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }
}
