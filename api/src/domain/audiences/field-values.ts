import { organizationFields } from '../directory/directory-person.js';
import type { CategoricalField, DirectoryIndex } from './directory-index.js';

/** The directory fields whose known values organizers pick from while writing a rule. */
export const suggestableFields = organizationFields;
export type SuggestableField = (typeof suggestableFields)[number];

/** A value of a field as the directory has it now, with how many people a rule on it could select. */
export interface FieldValue {
  value: string;
  /** Enabled, not deleted people with this value. */
  people: number;
}

export function isSuggestableField(field: string): field is SuggestableField {
  return (suggestableFields as readonly string[]).includes(field);
}

/** People per code of a field, counted once per snapshot (one pass over the code column). */
function countsOf(index: DirectoryIndex, field: CategoricalField): Int32Array {
  return index.memoize(`value-counts:${field}`, () => {
    const column = index.columns[field];
    const counts = new Int32Array(column.dictionary.size);
    index.eligible.forEach((row) => {
      const code = column.codes[row]!;
      if (code >= 0) counts[code]! += 1;
    });
    return counts;
  });
}

/** 0 when the value starts with the text, 1 when one of its words does, 2 when it only contains it, -1 otherwise. */
function matchRank(value: string, text: string): number {
  const lower = value.toLowerCase();
  const at = lower.indexOf(text);
  if (at < 0) return -1;
  if (at === 0) return 0;
  return lower.split(/[\s,./&()-]+/).some((word) => word.startsWith(text)) ? 1 : 2;
}

/**
 * The known values of a field containing `text` (ignoring case), read from the index's dictionary: values that start
 * with the text first, then those with a word starting with it, then the rest; within each, more people first, then
 * by name. Values nobody eligible holds any longer (left in the dictionary by changes) are left out.
 */
export function listFieldValues(
  index: DirectoryIndex,
  field: SuggestableField,
  text: string,
  limit: number,
): FieldValue[] {
  const counts = countsOf(index, field);
  const wanted = text.trim().toLowerCase();
  const found: Array<FieldValue & { rank: number }> = [];
  index.columns[field].dictionary.values.forEach((value, code) => {
    const people = counts[code]!;
    const rank = people > 0 ? matchRank(value, wanted) : -1;
    if (rank >= 0) found.push({ value, people, rank });
  });
  found.sort((a, b) => a.rank - b.rank || b.people - a.people || a.value.localeCompare(b.value));
  return found.slice(0, limit).map(({ value, people }) => ({ value, people }));
}
