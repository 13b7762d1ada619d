/**
 * The rule an organizer edits, as a tree of clause rows and groups. Pure data and immutable edits: the page keeps
 * one tree in state and replaces it on every change; rule-json.ts turns it into the API's rule and back.
 */

/** Directory fields compared with a list of values (`is`). */
export type ValueField = 'department' | 'officeLocation' | 'city' | 'country' | 'employeeType';
export type ClauseField = ValueField | 'jobTitle' | 'manager' | 'group' | 'people' | 'attendance';

/** How a clause's value is entered. */
export type ValueInput = 'values' | 'text' | 'person' | 'people' | 'group';

/** A person a clause names; `displayName` is null until the tab has learnt it. */
export interface PersonRef {
  id: string;
  displayName: string | null;
}

/** One row: field, operator, value, optionally negated. */
export interface ClauseNode {
  kind: 'clause';
  id: string;
  negated: boolean;
  field: ClauseField;
  operator: string;
  /** Comma-separated values, a job title, a group id or a topic, by the field's input. */
  text: string;
  /** The name of the group `text` names; null until the tab has learnt it. */
  groupName: string | null;
  /** The manager (one) or the people listed. */
  people: PersonRef[];
}

/** Rows joined by AND (`all`) or OR (`any`), optionally negated. */
export interface GroupNode {
  kind: 'group';
  id: string;
  negated: boolean;
  join: 'all' | 'any';
  children: RuleNode[];
}

export type RuleNode = ClauseNode | GroupNode;

interface FieldSpec {
  label: string;
  input: ValueInput;
  operators: ReadonlyArray<{ value: string; label: string }>;
}

const isOneOf = [{ value: 'is', label: 'is one of' }] as const;

/** Every field the API knows, in the order the field menu lists them. */
export const fieldSpecs: Record<ClauseField, FieldSpec> = {
  department: { label: 'Department', input: 'values', operators: isOneOf },
  officeLocation: { label: 'Office', input: 'values', operators: isOneOf },
  city: { label: 'City', input: 'values', operators: isOneOf },
  country: { label: 'Country', input: 'values', operators: isOneOf },
  employeeType: { label: 'Employee type', input: 'values', operators: isOneOf },
  jobTitle: {
    label: 'Job title',
    input: 'text',
    operators: [
      { value: 'equals', label: 'is' },
      { value: 'startsWith', label: 'starts with' },
      { value: 'contains', label: 'contains' },
    ],
  },
  manager: {
    label: 'Reports to',
    input: 'person',
    operators: [
      { value: 'anyDepth', label: 'at any level' },
      { value: 'direct', label: 'directly' },
    ],
  },
  group: { label: 'Group', input: 'group', operators: [{ value: 'memberOf', label: 'member of' }] },
  people: {
    label: 'Person',
    input: 'people',
    operators: [
      { value: 'include', label: 'is one of' },
      { value: 'exclude', label: 'is none of' },
    ],
  },
  attendance: {
    label: 'Attendance',
    input: 'text',
    operators: [{ value: 'notAttendedTopic', label: 'has not attended sessions on' }],
  },
};

export const clauseFields = Object.keys(fieldSpecs) as ClauseField[];

let lastId = 0;
/** Ids only tell rows apart within this page (React keys, error placement); they never reach the API. */
function newId(): string {
  lastId += 1;
  return `rule-node-${lastId}`;
}

export function createClause(field: ClauseField = 'department', fill: Partial<ClauseNode> = {}): ClauseNode {
  return {
    kind: 'clause',
    id: newId(),
    negated: false,
    field,
    operator: fieldSpecs[field].operators[0]!.value,
    text: '',
    groupName: null,
    people: [],
    ...fill,
  };
}

export function createGroup(join: 'all' | 'any', children: RuleNode[], negated = false): GroupNode {
  return { kind: 'group', id: newId(), negated, join, children };
}

/** A new audience: everyone matching one clause, to be filled in. */
export function createTree(): GroupNode {
  return createGroup('all', [createClause()]);
}

export function findNode(root: RuleNode, id: string): RuleNode | null {
  if (root.id === id) return root;
  if (root.kind === 'clause') return null;
  for (const child of root.children) {
    const found = findNode(child, id);
    if (found) return found;
  }
  return null;
}

/** Replaces the node `id` by what `change` makes of it (null removes it; a group left empty goes too). */
function mapNode(node: RuleNode, id: string, change: (node: RuleNode) => RuleNode | null): RuleNode | null {
  if (node.id === id) return change(node);
  if (node.kind === 'clause') return node;
  let changed = false;
  const children: RuleNode[] = [];
  for (const child of node.children) {
    const next = mapNode(child, id, change);
    if (next !== child) changed = true;
    if (next !== null && !(next.kind === 'group' && next.children.length === 0)) children.push(next);
  }
  return changed ? { ...node, children } : node;
}

function edit(root: GroupNode, id: string, change: (node: RuleNode) => RuleNode | null): GroupNode {
  const next = mapNode(root, id, change);
  // The root stays, even empty: the page always has a group to add rows to.
  return next?.kind === 'group' ? next : { ...root, children: [] };
}

/** Sets a clause's field; the operator and value start over when the way to enter it changes. */
export function setField(root: GroupNode, id: string, field: ClauseField): GroupNode {
  return edit(root, id, (node) => {
    if (node.kind !== 'clause') return node;
    const sameInput = fieldSpecs[node.field].input === fieldSpecs[field].input;
    return {
      ...node,
      field,
      operator: fieldSpecs[field].operators[0]!.value,
      text: sameInput ? node.text : '',
      groupName: sameInput ? node.groupName : null,
      people: sameInput ? node.people : [],
    };
  });
}

export function updateClause(
  root: GroupNode,
  id: string,
  change: Partial<Pick<ClauseNode, 'operator' | 'text' | 'groupName' | 'people' | 'negated'>>,
): GroupNode {
  return edit(root, id, (node) => (node.kind === 'clause' ? { ...node, ...change } : node));
}

export function updateGroup(
  root: GroupNode,
  id: string,
  change: Partial<Pick<GroupNode, 'join' | 'negated'>>,
): GroupNode {
  return edit(root, id, (node) => (node.kind === 'group' ? { ...node, ...change } : node));
}

export function addChild(root: GroupNode, groupId: string, child: RuleNode): GroupNode {
  return edit(root, groupId, (node) =>
    node.kind === 'group' ? { ...node, children: [...node.children, child] } : node,
  );
}

export function removeNode(root: GroupNode, id: string): GroupNode {
  return id === root.id ? { ...root, children: [] } : edit(root, id, () => null);
}

/**
 * "Or …" on a row: `added` becomes an alternative to it. Inside an OR group that is one more row; elsewhere the row
 * becomes an OR group of itself and `added`.
 */
export function addAlternative(root: GroupNode, id: string, added: RuleNode): GroupNode {
  const parent = parentOf(root, id);
  if (parent?.join === 'any') return addChild(root, parent.id, added);
  return edit(root, id, (found) => createGroup('any', [found, added]));
}

export function parentOf(root: GroupNode, id: string): GroupNode | null {
  for (const child of root.children) {
    if (child.id === id) return root;
    if (child.kind === 'group') {
      const found = parentOf(child, id);
      if (found) return found;
    }
  }
  return null;
}

/** Every person a clause names whose name the tab does not know yet. */
export function unnamedPeople(node: RuleNode): string[] {
  if (node.kind === 'group') return [...new Set(node.children.flatMap(unnamedPeople))];
  return node.people.filter((person) => person.displayName === null).map((person) => person.id);
}

/** Fills in the names learnt; ids without a name stay as they are. */
export function withNames<T extends RuleNode>(node: T, names: ReadonlyMap<string, string>): T {
  if (node.kind === 'group')
    return { ...node, children: node.children.map((child) => withNames(child, names)) };
  return {
    ...node,
    people: node.people.map((person) => ({
      ...person,
      displayName: person.displayName ?? names.get(person.id) ?? null,
    })),
  };
}

/** Every group a clause names whose name the tab does not know yet. */
export function unnamedGroups(node: RuleNode): string[] {
  if (node.kind === 'group') return [...new Set(node.children.flatMap(unnamedGroups))];
  return fieldSpecs[node.field].input === 'group' && node.text !== '' && node.groupName === null
    ? [node.text]
    : [];
}

/** Fills in the group names learnt (keys in lower case: Graph's ids compare ignoring case). */
export function withGroupNames<T extends RuleNode>(node: T, names: ReadonlyMap<string, string>): T {
  if (node.kind === 'group')
    return { ...node, children: node.children.map((child) => withGroupNames(child, names)) };
  if (fieldSpecs[node.field].input !== 'group' || node.groupName !== null) return node;
  return { ...node, groupName: names.get(node.text.toLowerCase()) ?? null };
}
