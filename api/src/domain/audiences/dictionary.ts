/**
 * Distinct values of one directory field, compared case-insensitively ("Sales" and "SALES" are one value, shown as
 * first seen). People hold small integer codes instead of strings, so 100,000 people cost one Int32Array per field.
 */
export class Dictionary {
  private readonly codes = new Map<string, number>();
  /** Codes by the exact text, which repeats across people: most lookups skip trimming and lower-casing. */
  private readonly exact = new Map<string, number>();
  readonly values: string[] = [];

  /** The code of a value, adding it when new; -1 for no value. */
  intern(value: string | null): number {
    if (value === null) return -1;
    const known = this.exact.get(value);
    if (known !== undefined) return known;
    const code = this.internNew(value);
    this.exact.set(value, code);
    return code;
  }

  private internNew(value: string): number {
    const trimmed = value.trim();
    if (trimmed === '') return -1;
    const key = trimmed.toLowerCase();
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(key, code);
      this.values.push(trimmed);
    }
    return code;
  }

  /** A copy to extend: codes of this dictionary keep their meaning in the copy. */
  clone(): Dictionary {
    const copy = new Dictionary();
    for (const [key, code] of this.codes) copy.codes.set(key, code);
    for (const [text, code] of this.exact) copy.exact.set(text, code);
    for (const value of this.values) copy.values.push(value);
    return copy;
  }

  /** The code of a value already present, or undefined. */
  find(value: string): number | undefined {
    return this.codes.get(value.trim().toLowerCase());
  }

  valueOf(code: number): string | null {
    return code < 0 ? null : (this.values[code] ?? null);
  }

  get size(): number {
    return this.values.length;
  }
}

/** Lists of integers in compressed-row form: entries of list i are values[offsets[i] .. offsets[i + 1]). */
export interface PackedLists {
  offsets: Int32Array;
  values: Int32Array;
}

export function listAt(lists: PackedLists, index: number): Int32Array {
  return lists.values.subarray(lists.offsets[index]!, lists.offsets[index + 1]!);
}

/**
 * Inverts a code per row into rows per code (a counting sort, so each list is in ascending row order): the
 * postings that `is` clauses read.
 */
export function postingsOf(codes: Int32Array, codeCount: number): PackedLists {
  const offsets = new Int32Array(codeCount + 1);
  for (const code of codes) if (code >= 0) offsets[code + 1]! += 1;
  for (let c = 0; c < codeCount; c++) offsets[c + 1]! += offsets[c]!;
  const next = offsets.slice(0, codeCount);
  const values = new Int32Array(offsets[codeCount]!);
  codes.forEach((code, row) => {
    if (code >= 0) values[next[code]!++] = row;
  });
  return { offsets, values };
}
