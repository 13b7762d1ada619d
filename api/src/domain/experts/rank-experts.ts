import type { Dictionary, PackedLists } from '../audiences/dictionary.js';
import type { DirectoryIndex } from '../audiences/directory-index.js';
import { wordsOf } from '../audiences/words.js';

/** Where a topic's words can match, with what each matched word is worth. Skills say expertise most directly. */
export const EXPERT_WEIGHTS = { skills: 5, responsibilities: 3, jobTitle: 2, aboutMe: 1 } as const;
/** Added once when one of the person's skills is the whole topic ("Power BI" for "power bi"). */
export const EXACT_SKILL_BONUS = 5;
/** Words of a topic that count; the rest are ignored (a topic is a few words, not a paragraph). */
export const TOPIC_WORDS_MAX = 10;

export type ExpertField = keyof typeof EXPERT_WEIGHTS;
const expertFields = Object.keys(EXPERT_WEIGHTS) as ExpertField[];

export interface RankedExpert {
  row: number;
  /** Σ weight × distinct topic words matched in the field, plus the exact-skill bonus. */
  score: number;
  /** Fields where at least one topic word matched, in weight order. */
  matchedIn: ExpertField[];
  /** Topic words matched per field. */
  matchedWords: Partial<Record<ExpertField, string[]>>;
  /** The person's skills that contain a topic word. */
  matchingSkills: string[];
  exactSkill: boolean;
}

/** For each value of a dictionary, a bit per topic word it contains. */
function masksOf(dictionary: Dictionary, words: string[]): Uint32Array {
  return Uint32Array.from(dictionary.values, (value) => {
    const own = new Set(wordsOf(value));
    return words.reduce((mask, word, bit) => (own.has(word) ? mask | (1 << bit) : mask), 0);
  });
}

function maskOfRow(lists: PackedLists, row: number, masks: Uint32Array): number {
  let mask = 0;
  for (let i = lists.offsets[row]!; i < lists.offsets[row + 1]!; i++) mask |= masks[lists.values[i]!]!;
  return mask;
}

function bitCount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count += 1;
  return count;
}

/**
 * Ranks enabled people for a topic by where its words appear: skills, responsibilities, job title, aboutMe.
 * Matching is per word after lower-casing (see wordsOf); each field counts a word once. Ties go to the name, then
 * the id, so the same topic always ranks the same way. One pass over the index's code lists: no text is scanned.
 */
export function rankExperts(index: DirectoryIndex, topic: string, limit: number): { words: string[]; experts: RankedExpert[] } {
  const words = wordsOf(topic).slice(0, TOPIC_WORDS_MAX);
  if (words.length === 0) return { words, experts: [] };
  const whole = words.join(' ');
  const skillMasks = masksOf(index.skills.dictionary, words);
  const exactSkills = index.skills.dictionary.values.map((skill) => wordsOf(skill).join(' ') === whole);
  const responsibilityMasks = masksOf(index.responsibilities.dictionary, words);
  const titleMasks = masksOf(index.columns.jobTitle.dictionary, words);
  const aboutMasks = masksOf(index.aboutMeWords.dictionary, words);
  const titleCodes = index.columns.jobTitle.codes;
  const exactOf = (row: number) => {
    const { offsets, values } = index.skills.lists;
    for (let i = offsets[row]!; i < offsets[row + 1]!; i++) if (exactSkills[values[i]!]) return true;
    return false;
  };
  const masksOfRow = (row: number): Record<ExpertField, number> => ({
    skills: maskOfRow(index.skills.lists, row, skillMasks),
    responsibilities: maskOfRow(index.responsibilities.lists, row, responsibilityMasks),
    jobTitle: titleCodes[row]! >= 0 ? titleMasks[titleCodes[row]!]! : 0,
    aboutMe: maskOfRow(index.aboutMeWords.lists, row, aboutMasks),
  });
  const before = (a: { row: number; score: number }, b: { row: number; score: number }) => {
    if (a.score !== b.score) return a.score > b.score;
    const nameA = index.displayNames[a.row]!;
    const nameB = index.displayNames[b.row]!;
    return nameA !== nameB ? nameA < nameB : a.row < b.row;
  };
  // One pass keeps only the best `limit`: a common word matches most people, and ordering them all would cost
  // more than finding them.
  const top: Array<{ row: number; score: number; masks: Record<ExpertField, number> }> = [];
  index.eligible.forEach((row) => {
    const masks = masksOfRow(row);
    if ((masks.skills | masks.responsibilities | masks.jobTitle | masks.aboutMe) === 0) return;
    let score = 0;
    for (const field of expertFields) score += EXPERT_WEIGHTS[field] * bitCount(masks[field]);
    if (masks.skills !== 0 && exactOf(row)) score += EXACT_SKILL_BONUS;
    const entry = { row, score, masks };
    if (top.length === limit && !before(entry, top[top.length - 1]!)) return;
    let at = top.length;
    while (at > 0 && before(entry, top[at - 1]!)) at -= 1;
    top.splice(at, 0, entry);
    if (top.length > limit) top.pop();
  });
  const experts = top.map(({ row, score, masks }): RankedExpert => {
    const matchedIn = expertFields.filter((field) => masks[field] !== 0);
    const matchedWords = Object.fromEntries(matchedIn.map((field) => [field, words.filter((_, bit) => masks[field] & (1 << bit))]));
    const { offsets, values } = index.skills.lists;
    const matchingSkills: string[] = [];
    for (let i = offsets[row]!; i < offsets[row + 1]!; i++) if (skillMasks[values[i]!]) matchingSkills.push(index.skills.dictionary.values[values[i]!]!);
    return { row, score, matchedIn, matchedWords, matchingSkills, exactSkill: exactOf(row) };
  });
  return { words, experts };
}
