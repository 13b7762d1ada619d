/**
 * The edited tree ↔ the API's rule JSON. Rows not filled in yet are left out of the rule (the preview counts what
 * is complete) and reported, so saving can name them; every rule object sent is mapped back to its row, so the
 * API's 400, a JSON pointer into the rule, lands beside the row it names.
 */
import type { AudienceRule } from '../api-types.js';
import {
  createClause,
  createGroup,
  fieldSpecs,
  type ClauseField,
  type ClauseNode,
  type GroupNode,
  type RuleNode,
  type ValueField,
} from './rule-tree.js';

/** What a tree becomes: the rule (null when no row is complete), where each row went, which rows are unfinished. */
export interface RuleTranslation {
  rule: AudienceRule | null;
  /** JSON pointer of each rule object sent → the id of the row or group it came from. */
  pointers: ReadonlyMap<string, string>;
  /** Rows left out, with what they lack. */
  incomplete: ReadonlyMap<string, string>;
}

/** Values typed as "Finance, Sales": trimmed, without empties or repeats. */
export function splitValues(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((value) => value.trim())
        .filter((value) => value.length > 0),
    ),
  ];
}

function clauseRule(clause: ClauseNode): AudienceRule | string {
  const text = clause.text.trim();
  const people = clause.people.map((person) => person.id);
  switch (clause.field) {
    case 'department':
    case 'officeLocation':
    case 'city':
    case 'country':
    case 'employeeType': {
      const values = splitValues(clause.text);
      if (values.length === 0) return 'Enter at least one value.';
      return { [clause.field]: { is: values } } as { [field in ValueField]: { is: string[] } };
    }
    case 'jobTitle':
      if (!text) return 'Enter a job title.';
      return { jobTitle: { [clause.operator]: text } as { equals: string } };
    case 'manager':
      if (people.length === 0) return 'Choose a person.';
      return { manager: { under: people[0]!, scope: clause.operator === 'direct' ? 'direct' : 'anyDepth' } };
    case 'group':
      if (!text) return 'Choose a group.';
      return { group: { memberOf: text } };
    case 'people':
      if (people.length === 0) return 'Choose at least one person.';
      return { people: clause.operator === 'exclude' ? { exclude: people } : { include: people } };
    case 'attendance':
      if (!text) return 'Enter a topic.';
      return { attendance: { notAttendedTopic: text } };
  }
}

export function toRule(root: GroupNode): RuleTranslation {
  const pointers = new Map<string, string>();
  const incomplete = new Map<string, string>();

  function visit(node: RuleNode, path: string): AudienceRule | null {
    const inner = node.negated ? `${path}/not` : path;
    let rule: AudienceRule | null;
    if (node.kind === 'clause') {
      const built = clauseRule(node);
      if (typeof built === 'string') incomplete.set(node.id, built);
      rule = typeof built === 'string' ? null : built;
    } else {
      const children: AudienceRule[] = [];
      for (const child of node.children) {
        const built = visit(child, `${inner}/${node.join}/${children.length}`);
        if (built) children.push(built);
      }
      rule = children.length === 0 ? null : node.join === 'all' ? { all: children } : { any: children };
    }
    if (!rule) return null;
    pointers.set(path, node.id);
    if (node.negated) pointers.set(inner, node.id);
    return node.negated ? { not: rule } : rule;
  }

  const rule = visit(root, '');
  return { rule, pointers, incomplete };
}

/** The row a pointer from the API names: the deepest rule object on its path ("/all/1/manager/under" → row 1). */
export function nodeForPointer(
  pointers: ReadonlyMap<string, string>,
  pointer: string | undefined,
): string | null {
  if (pointer === undefined) return null;
  let path = pointer === '/' ? '' : pointer;
  for (;;) {
    const found = pointers.get(path);
    if (found !== undefined) return found;
    if (path === '') return null;
    path = path.slice(0, path.lastIndexOf('/'));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

function fromNode(json: unknown): RuleNode {
  if (!isRecord(json)) throw new Error('This audience has a rule the tab cannot show.');
  const [key] = Object.keys(json);
  const body = json[key ?? ''];
  if (key === 'all' || key === 'any')
    return createGroup(key, (Array.isArray(body) ? body : []).map(fromNode));
  if (key === 'not') {
    const inner = fromNode(body);
    // "not not": the inner one is already negated, so the outer NOT needs a group of its own.
    return inner.negated ? createGroup('all', [inner], true) : { ...inner, negated: true };
  }
  if (!key || !(key in fieldSpecs) || !isRecord(body))
    throw new Error(`This audience has a rule the tab cannot show (${key}).`);
  const field = key as ClauseField;
  const input = fieldSpecs[field].input;
  if (input === 'values') return createClause(field, { text: strings(body.is).join(', ') });
  if (field === 'manager') {
    const id = typeof body.under === 'string' ? body.under : '';
    return createClause(field, {
      operator: body.scope === 'direct' ? 'direct' : 'anyDepth',
      people: [{ id, displayName: null }],
    });
  }
  if (field === 'people') {
    const operator = 'exclude' in body ? 'exclude' : 'include';
    return createClause(field, {
      operator,
      people: strings(body[operator]).map((id) => ({ id, displayName: null })),
    });
  }
  const [operator] = Object.keys(body);
  const text = body[operator ?? ''];
  return createClause(field, { operator: operator ?? '', text: typeof text === 'string' ? text : '' });
}

/** A saved rule as rows to edit; the top is always a group, so rows can be added to it. */
export function fromRule(rule: AudienceRule): GroupNode {
  const node = fromNode(rule);
  return node.kind === 'group' ? node : createGroup('all', [node]);
}
