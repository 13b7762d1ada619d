import { createError, type CampusError } from '../../errors.js';
import { ruleFields, ruleLimits, valueFields, type AudienceRule } from './audience-rule.js';

const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const textOperators = ['equals', 'startsWith', 'contains'] as const;
const managerScopes = ['anyDepth', 'direct'] as const;

/** The 400 for a rule, naming the clause by a JSON pointer into the rule. */
export function invalidRule(field: string, message: string): CampusError {
  return createError('CAMPUS_ERR_INVALID_AUDIENCE_RULE', `rule${field}: ${message}`, { details: { location: 'rule', field: field || '/' } });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Counts what the limits bound while the rule is read. */
interface Budget {
  clauses: number;
  ids: number;
}

function onlyKey(value: unknown, path: string, allowed: readonly string[], what: string): string {
  if (!isObject(value)) throw invalidRule(path, `must be an object with one of: ${allowed.join(', ')}`);
  const keys = Object.keys(value);
  const unknown = keys.find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw invalidRule(`${path}/${unknown}`, `'${unknown}' is not a known ${what}; expected one of: ${allowed.join(', ')}`);
  if (keys.length !== 1) throw invalidRule(path, keys.length === 0 ? `is empty; give one of: ${allowed.join(', ')}` : `give exactly one of: ${keys.join(', ')}`);
  return keys[0]!;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') throw invalidRule(path, 'must be text');
  const trimmed = value.trim();
  if (trimmed.length === 0) throw invalidRule(path, 'must not be empty');
  if (trimmed.length > ruleLimits.maxTextLength) throw invalidRule(path, `must be at most ${ruleLimits.maxTextLength} characters`);
  return trimmed;
}

function objectId(value: unknown, path: string): string {
  const id = text(value, path);
  if (!OBJECT_ID.test(id)) throw invalidRule(path, `'${id}' is not an Entra object id (a GUID)`);
  return id.toLowerCase();
}

function list<T>(value: unknown, path: string, max: number, item: (entry: unknown, at: string) => T): T[] {
  if (!Array.isArray(value)) throw invalidRule(path, 'must be a list');
  if (value.length === 0) throw invalidRule(path, 'must not be empty');
  if (value.length > max) throw invalidRule(path, `lists at most ${max} entries`);
  return value.map((entry, index) => item(entry, `${path}/${index}`));
}

function exactKeys(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
  if (!isObject(value)) throw invalidRule(path, `must be an object with ${required.join(', ')}`);
  const unknown = Object.keys(value).find((key) => !required.includes(key) && !optional.includes(key));
  if (unknown !== undefined) throw invalidRule(`${path}/${unknown}`, `'${unknown}' is not known here; expected ${[...required, ...optional].join(', ')}`);
  const missing = required.find((key) => !(key in value));
  if (missing !== undefined) throw invalidRule(`${path}/${missing}`, 'is required');
  return value;
}

function parseNode(value: unknown, path: string, depth: number, budget: Budget): AudienceRule {
  if (depth > ruleLimits.maxDepth) throw invalidRule(path, `nests deeper than ${ruleLimits.maxDepth} levels`);
  budget.clauses += 1;
  if (budget.clauses > ruleLimits.maxClauses) throw invalidRule(path, `the rule has more than ${ruleLimits.maxClauses} clauses`);
  const field = onlyKey(value, path, ruleFields, 'rule field');
  const body = (value as Record<string, unknown>)[field];
  const at = `${path}/${field}`;
  switch (field) {
    case 'all':
    case 'any': {
      const children = list(body, at, ruleLimits.maxClauses, (child, childAt) => parseNode(child, childAt, depth + 1, budget));
      return field === 'all' ? { all: children } : { any: children };
    }
    case 'not':
      return { not: parseNode(body, at, depth + 1, budget) };
    case 'jobTitle': {
      const operator = onlyKey(body, at, textOperators, 'job title operator') as (typeof textOperators)[number];
      const operand = text((body as Record<string, unknown>)[operator], `${at}/${operator}`);
      return { jobTitle: operator === 'equals' ? { equals: operand } : operator === 'startsWith' ? { startsWith: operand } : { contains: operand } };
    }
    case 'manager': {
      const manager = exactKeys(body, at, ['under'], ['scope']);
      const under = objectId(manager.under, `${at}/under`);
      if (manager.scope === undefined) return { manager: { under, scope: 'anyDepth' } };
      const scope = managerScopes.find((candidate) => candidate === manager.scope);
      if (!scope) throw invalidRule(`${at}/scope`, `must be one of: ${managerScopes.join(', ')}`);
      return { manager: { under, scope } };
    }
    case 'group':
      return { group: { memberOf: objectId(exactKeys(body, at, ['memberOf']).memberOf, `${at}/memberOf`) } };
    case 'people': {
      const kind = onlyKey(body, at, ['include', 'exclude'], 'people operator') as 'include' | 'exclude';
      const ids = list((body as Record<string, unknown>)[kind], `${at}/${kind}`, ruleLimits.maxIds, objectId);
      budget.ids += ids.length;
      if (budget.ids > ruleLimits.maxIds) throw invalidRule(`${at}/${kind}`, `the rule lists more than ${ruleLimits.maxIds} people in all`);
      const unique = [...new Set(ids)];
      return { people: kind === 'include' ? { include: unique } : { exclude: unique } };
    }
    case 'attendance':
      return { attendance: { notAttendedTopic: text(exactKeys(body, at, ['notAttendedTopic']).notAttendedTopic, `${at}/notAttendedTopic`) } };
    default: {
      const valueField = valueFields.find((candidate) => candidate === field)!;
      const values = list(exactKeys(body, at, ['is']).is, `${at}/is`, ruleLimits.maxValues, text);
      return { [valueField]: { is: values } } as AudienceRule;
    }
  }
}

/**
 * Reads a rule from untrusted JSON: the grammar of AudienceRule, its limits, ids that are GUIDs, text that is not
 * blank (trimmed). Throws CAMPUS_ERR_INVALID_AUDIENCE_RULE naming the first clause at fault. Whether the people and
 * groups it names exist is checked by the caller, against the directory and Graph.
 */
export function parseAudienceRule(value: unknown): AudienceRule {
  return parseNode(value, '', 1, { clauses: 0, ids: 0 });
}
