/**
 * Targeting rules: who an audience is. A rule is plain JSON, saved with the audience and evaluated again at each use.
 *
 * ```json
 * { "all": [
 *   { "department": { "is": ["Finance", "Operations"] } },
 *   { "any": [ { "manager": { "under": "<person id>" } }, { "group": { "memberOf": "<group id>" } } ] },
 *   { "not": { "jobTitle": { "contains": "intern" } } }
 * ] }
 * ```
 * Disabled and deleted accounts are never members, whatever the rule says.
 */
export type AudienceRule =
  | { all: AudienceRule[] }
  | { any: AudienceRule[] }
  | { not: AudienceRule }
  | { department: ValueIn }
  | { officeLocation: ValueIn }
  | { city: ValueIn }
  | { country: ValueIn }
  | { employeeType: ValueIn }
  | { jobTitle: TextMatch }
  | { manager: ManagerScope }
  | { group: { memberOf: string } }
  | { people: { include: string[] } | { exclude: string[] } }
  | { attendance: { notAttendedTopic: string } };

/** Case-insensitive equality with any of the values. */
export interface ValueIn {
  is: string[];
}

/** Exactly one operator, case-insensitive. */
export type TextMatch = { equals: string } | { startsWith: string } | { contains: string };

/** Everyone below a person in the reporting line (anyDepth, the default), or only their direct reports. */
export interface ManagerScope {
  under: string;
  scope?: 'anyDepth' | 'direct';
}

/** Directory fields compared by `is`. */
export const valueFields = ['department', 'officeLocation', 'city', 'country', 'employeeType'] as const;
export type ValueField = (typeof valueFields)[number];

export const ruleFields = ['all', 'any', 'not', ...valueFields, 'jobTitle', 'manager', 'group', 'people', 'attendance'] as const;

/**
 * Bounds that keep one evaluation cheap and a rule readable: nesting depth, rule objects in total (combinators
 * included), person ids across include/exclude lists, values of one `is`, and the length of any text.
 */
export const ruleLimits = {
  maxDepth: 8,
  maxClauses: 50,
  maxIds: 1000,
  maxValues: 100,
  maxTextLength: 200,
} as const;

/** A person id or group id the rule names, with where it is in the rule (a JSON pointer). */
export interface RuleReference {
  kind: 'manager' | 'group' | 'person';
  id: string;
  field: string;
}

/** Every manager, group and included person the rule names, in rule order. */
export function ruleReferences(rule: AudienceRule, path = ''): RuleReference[] {
  if ('all' in rule) return rule.all.flatMap((child, index) => ruleReferences(child, `${path}/all/${index}`));
  if ('any' in rule) return rule.any.flatMap((child, index) => ruleReferences(child, `${path}/any/${index}`));
  if ('not' in rule) return ruleReferences(rule.not, `${path}/not`);
  if ('manager' in rule) return [{ kind: 'manager', id: rule.manager.under, field: `${path}/manager/under` }];
  if ('group' in rule) return [{ kind: 'group', id: rule.group.memberOf, field: `${path}/group/memberOf` }];
  if ('people' in rule && 'include' in rule.people) {
    return rule.people.include.map((id, index) => ({ kind: 'person' as const, id, field: `${path}/people/include/${index}` }));
  }
  return [];
}
