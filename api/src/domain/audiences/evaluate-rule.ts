import type { AudienceRule, TextMatch, ValueField } from './audience-rule.js';
import { Bitset } from './bitset.js';
import { listAt } from './dictionary.js';
import type { DirectoryIndex } from './directory-index.js';
import { rowsUnder } from './manager-tree.js';

/** A group's transitive user members as last read from Graph; `version` changes with each refresh. */
export interface GroupMemberIds {
  version: string;
  memberIds: readonly string[];
}

/** What a rule needs beyond the directory index. */
export interface RuleInputs {
  /** Transitive user members of a group, or null when Graph says the group does not exist. */
  groupMembers(groupId: string): Promise<GroupMemberIds | null>;
  /** Ids of people who attended (or are booked on) a session about the topic. */
  attendeesOfTopic(topic: string): Promise<readonly string[]>;
}

/** Something a saved rule names that is gone since it was saved: the clause selects nobody. */
export interface RuleWarning {
  field: string;
  message: string;
}

export interface RuleEvaluation {
  /** The audience: rows of eligible people (enabled, not deleted) the rule selects. */
  members: Bitset;
  warnings: RuleWarning[];
}

function rowsOf(index: DirectoryIndex, ids: readonly string[]): Bitset {
  const set = new Bitset(index.size);
  for (const id of ids) {
    const row = index.rowOf(id);
    if (row >= 0) set.add(row);
  }
  return set;
}

/**
 * People with any of the values. A value held by many (more than 1 in 64 people) is kept as a set on the snapshot:
 * OR-ing its 3,125 words at 100,000 people costs less than setting its bits again at every preview.
 */
function withValues(index: DirectoryIndex, field: ValueField, values: string[]): Bitset {
  const column = index.columns[field];
  const set = new Bitset(index.size);
  for (const value of values) {
    const code = column.dictionary.find(value);
    if (code === undefined) continue;
    const rows = listAt(column.postings, code);
    if (rows.length * 64 > index.size) set.addAll(index.memoize(`value:${field}:${code}`, () => Bitset.of(index.size, rows)));
    else for (const row of rows) set.add(row);
  }
  return set;
}

/** Job titles are few compared with people: the operator runs over distinct titles, then their people are taken. */
function withJobTitle(index: DirectoryIndex, match: TextMatch): Bitset {
  const column = index.columns.jobTitle;
  const test =
    'equals' in match
      ? (title: string) => title === match.equals.toLowerCase()
      : 'startsWith' in match
        ? (title: string) => title.startsWith(match.startsWith.toLowerCase())
        : (title: string) => title.includes(match.contains.toLowerCase());
  const set = new Bitset(index.size);
  column.dictionary.values.forEach((title, code) => {
    if (test(title.toLowerCase())) for (const row of listAt(column.postings, code)) set.add(row);
  });
  return set;
}

async function evaluate(rule: AudienceRule, path: string, index: DirectoryIndex, inputs: RuleInputs, warnings: RuleWarning[]): Promise<Bitset> {
  if ('all' in rule || 'any' in rule) {
    const [children, key] = 'all' in rule ? [rule.all, 'all'] : [rule.any, 'any'];
    const sets = await Promise.all(children.map((child, position) => evaluate(child, `${path}/${key}/${position}`, index, inputs, warnings)));
    return sets.reduce((result, set) => (key === 'all' ? result.and(set) : result.or(set)));
  }
  if ('not' in rule) return (await evaluate(rule.not, `${path}/not`, index, inputs, warnings)).not();
  if ('jobTitle' in rule) return withJobTitle(index, rule.jobTitle);
  if ('manager' in rule) {
    const row = index.rowOf(rule.manager.under);
    if (row < 0 || index.deleted[row]) {
      warnings.push({ field: `${path}/manager/under`, message: `person '${rule.manager.under}' is not in the directory` });
      return new Bitset(index.size);
    }
    const reports = rule.manager.scope === 'direct' ? listAt(index.tree.reports, row) : rowsUnder(index.tree, row);
    return Bitset.of(index.size, reports);
  }
  if ('group' in rule) {
    const group = await inputs.groupMembers(rule.group.memberOf);
    if (!group) {
      warnings.push({ field: `${path}/group/memberOf`, message: `group '${rule.group.memberOf}' does not exist` });
      return new Bitset(index.size);
    }
    return index.memoize(`group:${rule.group.memberOf}:${group.version}`, () => rowsOf(index, group.memberIds));
  }
  if ('people' in rule) {
    return 'include' in rule.people ? rowsOf(index, rule.people.include) : rowsOf(index, rule.people.exclude).not();
  }
  if ('attendance' in rule) {
    // Sessions have no topic field yet: a session is "on the topic" when its title contains the topic text.
    return rowsOf(index, await inputs.attendeesOfTopic(rule.attendance.notAttendedTopic)).not();
  }
  const [field, match] = Object.entries(rule)[0] as [ValueField, { is: string[] }];
  return withValues(index, field, match.is);
}

/**
 * Evaluates a (parsed) rule against a directory snapshot as set operations over its rows. Managers and groups
 * that no longer exist select nobody and are reported as warnings, so a saved audience still answers.
 */
export async function evaluateRule(rule: AudienceRule, index: DirectoryIndex, inputs: RuleInputs): Promise<RuleEvaluation> {
  const warnings: RuleWarning[] = [];
  const selected = await evaluate(rule, '', index, inputs, warnings);
  // Branches run concurrently: warnings are sorted so the same rule always answers the same way.
  warnings.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  return { members: selected.and(index.eligible), warnings };
}
