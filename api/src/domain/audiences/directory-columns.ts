import { organizationFields, type DirectoryPerson } from '../directory/directory-person.js';
import { Dictionary, type PackedLists } from './dictionary.js';

/**
 * One person as the audience index keeps them: the stored directory person without the name parts and the chain
 * (the index walks managerId), with aboutMe reduced to its words.
 */
export type IndexedPerson = Omit<
  DirectoryPerson,
  'tenantId' | 'givenName' | 'surname' | 'managerChain' | 'aboutMe' | 'syncedAt'
> & {
  /** Distinct search words of aboutMe (see wordsOf). */
  aboutMeWords: string[];
  /** Epoch milliseconds of the sync round that last reported the person. */
  syncedAt: number;
};

export const categoricalFields = [...organizationFields, 'timeZone'] as const;
export type CategoricalField = (typeof categoricalFields)[number];
export const listFields = ['skills', 'responsibilities', 'aboutMeWords'] as const;
export type ListField = (typeof listFields)[number];

/**
 * The directory as columns, rows in id order: strings where they are per person, codes into dictionaries where
 * values repeat, code lists for skills, responsibilities and aboutMe words.
 */
export interface DirectoryColumns {
  ids: string[];
  displayNames: string[];
  mails: Array<string | null>;
  userPrincipalNames: string[];
  managerIds: Array<string | null>;
  dictionaries: Record<CategoricalField | ListField, Dictionary>;
  codes: Record<CategoricalField, Int32Array>;
  lists: Record<ListField, PackedLists>;
  enabled: Uint8Array;
  deleted: Uint8Array;
  syncedAt: Float64Array;
}

/** An Int32Array that grows by doubling: list values are appended without a JS array per person. */
class GrowableInt32 {
  private data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const larger = new Int32Array(this.data.length * 2);
      larger.set(this.data);
      this.data = larger;
    }
    this.data[this.length++] = value;
  }
  /** Whether `value` is among the values from position `from` on (a person's list so far). */
  includes(value: number, from: number): boolean {
    for (let i = from; i < this.length; i++) if (this.data[i] === value) return true;
    return false;
  }
  append(values: Int32Array): void {
    for (const value of values) this.push(value);
  }
  finish(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Writes rows in order into freshly sized columns. Dictionaries are copies of the ones given (or new), extended as
 * values appear, so codes copied from a previous snapshot stay valid.
 */
class ColumnsBuilder {
  private row = 0;
  private readonly out: DirectoryColumns;
  private readonly listValues: Record<ListField, GrowableInt32>;

  constructor(size: number, dictionaries: DirectoryColumns['dictionaries'] | null, listCapacity: number) {
    const dictionary = (field: CategoricalField | ListField) =>
      dictionaries?.[field].clone() ?? new Dictionary();
    const offsets = () => new Int32Array(size + 1);
    this.out = {
      ids: new Array<string>(size),
      displayNames: new Array<string>(size),
      mails: new Array<string | null>(size),
      userPrincipalNames: new Array<string>(size),
      managerIds: new Array<string | null>(size),
      dictionaries: Object.fromEntries(
        [...categoricalFields, ...listFields].map((field) => [field, dictionary(field)]),
      ) as DirectoryColumns['dictionaries'],
      codes: Object.fromEntries(
        categoricalFields.map((field) => [field, new Int32Array(size)]),
      ) as DirectoryColumns['codes'],
      lists: {
        skills: { offsets: offsets(), values: new Int32Array(0) },
        responsibilities: { offsets: offsets(), values: new Int32Array(0) },
        aboutMeWords: { offsets: offsets(), values: new Int32Array(0) },
      },
      enabled: new Uint8Array(size),
      deleted: new Uint8Array(size),
      syncedAt: new Float64Array(size),
    };
    this.listValues = {
      skills: new GrowableInt32(listCapacity),
      responsibilities: new GrowableInt32(listCapacity),
      aboutMeWords: new GrowableInt32(listCapacity),
    };
  }

  addPerson(person: IndexedPerson): void {
    const { out, row } = this;
    out.ids[row] = person.id.toLowerCase();
    out.displayNames[row] = person.displayName;
    out.mails[row] = person.mail;
    out.userPrincipalNames[row] = person.userPrincipalName;
    out.managerIds[row] = person.managerId?.toLowerCase() ?? null;
    for (const field of categoricalFields)
      out.codes[field][row] = out.dictionaries[field].intern(person[field]);
    for (const field of listFields) {
      const values = this.listValues[field];
      const start = values.length;
      for (const value of person[field]) {
        const code = out.dictionaries[field].intern(value);
        if (code >= 0 && !values.includes(code, start)) values.push(code);
      }
      out.lists[field].offsets[row + 1] = values.length;
    }
    out.enabled[row] = person.accountEnabled ? 1 : 0;
    out.deleted[row] = person.deleted ? 1 : 0;
    out.syncedAt[row] = person.syncedAt;
    this.row += 1;
  }

  /** Copies a row of the snapshot these columns extend. */
  addRow(from: DirectoryColumns, fromRow: number): void {
    const { out, row } = this;
    out.ids[row] = from.ids[fromRow]!;
    out.displayNames[row] = from.displayNames[fromRow]!;
    out.mails[row] = from.mails[fromRow]!;
    out.userPrincipalNames[row] = from.userPrincipalNames[fromRow]!;
    out.managerIds[row] = from.managerIds[fromRow]!;
    for (const field of categoricalFields) out.codes[field][row] = from.codes[field][fromRow]!;
    for (const field of listFields) {
      const list = from.lists[field];
      this.listValues[field].append(list.values.subarray(list.offsets[fromRow]!, list.offsets[fromRow + 1]!));
      out.lists[field].offsets[row + 1] = this.listValues[field].length;
    }
    out.enabled[row] = from.enabled[fromRow]!;
    out.deleted[row] = from.deleted[fromRow]!;
    out.syncedAt[row] = from.syncedAt[fromRow]!;
    this.row += 1;
  }

  finish(): DirectoryColumns {
    for (const field of listFields) this.out.lists[field].values = this.listValues[field].finish();
    return this.out;
  }
}

/** Columns of these people (the last record of an id wins), rows in id order. */
export function columnsOf(people: Iterable<IndexedPerson>): DirectoryColumns {
  const byId = new Map<string, IndexedPerson>();
  for (const person of people) byId.set(person.id.toLowerCase(), person);
  const ids = [...byId.keys()].sort();
  const builder = new ColumnsBuilder(ids.length, null, ids.length * 8);
  for (const id of ids) builder.addPerson(byId.get(id)!);
  return builder.finish();
}

/**
 * The columns of `base` with `changed` people written over (or added in id order): unchanged rows are copied as
 * codes, so a change to a thousand people costs a copy of the columns, not a record per person.
 */
export function mergeColumns(base: DirectoryColumns, changed: Map<string, IndexedPerson>): DirectoryColumns {
  const changedIds = [...changed.keys()].map((id) => id.toLowerCase()).sort();
  const changedById = new Map([...changed.values()].map((person) => [person.id.toLowerCase(), person]));
  let added = 0;
  for (let i = 0, row = 0; i < changedIds.length; i++) {
    while (row < base.ids.length && base.ids[row]! < changedIds[i]!) row += 1;
    if (base.ids[row] !== changedIds[i]) added += 1;
  }
  const size = base.ids.length + added;
  const builder = new ColumnsBuilder(
    size,
    base.dictionaries,
    base.lists.aboutMeWords.values.length + changedIds.length * 16,
  );
  let next = 0;
  for (let row = 0; row < base.ids.length; row++) {
    const id = base.ids[row]!;
    while (next < changedIds.length && changedIds[next]! < id)
      builder.addPerson(changedById.get(changedIds[next++]!)!);
    if (next < changedIds.length && changedIds[next] === id)
      builder.addPerson(changedById.get(changedIds[next++]!)!);
    else builder.addRow(base, row);
  }
  while (next < changedIds.length) builder.addPerson(changedById.get(changedIds[next++]!)!);
  return builder.finish();
}
