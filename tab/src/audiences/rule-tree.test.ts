import { describe, expect, it } from 'vitest';
import {
  addAlternative,
  addChild,
  createClause,
  createGroup,
  createTree,
  findNode,
  parentOf,
  removeNode,
  setField,
  unnamedGroups,
  unnamedPeople,
  updateClause,
  updateGroup,
  withGroupNames,
  withNames,
  type ClauseNode,
  type GroupNode,
} from './rule-tree.js';

function clauseAt(tree: GroupNode, ...path: number[]): ClauseNode {
  let node: GroupNode | ClauseNode = tree;
  for (const index of path) node = (node as GroupNode).children[index]!;
  if (node.kind !== 'clause') throw new Error('not a clause');
  return node;
}

describe('rule tree editing', () => {
  it('starts as one empty department row under AND', () => {
    const tree = createTree();
    expect(tree).toMatchObject({ kind: 'group', join: 'all', negated: false });
    expect(tree.children).toEqual([
      expect.objectContaining({ field: 'department', operator: 'is', text: '', people: [] }),
    ]);
  });

  it('changes one row and leaves the original tree as it was', () => {
    const tree = createTree();
    const row = clauseAt(tree, 0);
    const next = updateClause(tree, row.id, { text: 'Marketing', negated: true });
    expect(clauseAt(next, 0)).toMatchObject({ id: row.id, text: 'Marketing', negated: true });
    expect(clauseAt(tree, 0).text).toBe('');
  });

  it('keeps the typed value when the field changes to one entered the same way, else starts over', () => {
    const tree = createTree();
    const row = clauseAt(tree, 0);
    const typed = updateClause(tree, row.id, { text: 'London' });
    const office = setField(typed, row.id, 'officeLocation');
    expect(clauseAt(office, 0)).toMatchObject({ field: 'officeLocation', operator: 'is', text: 'London' });
    const title = setField(office, row.id, 'jobTitle');
    expect(clauseAt(title, 0)).toMatchObject({ field: 'jobTitle', operator: 'equals', text: '' });
    const manager = setField(title, row.id, 'manager');
    expect(clauseAt(manager, 0)).toMatchObject({ operator: 'anyDepth', people: [] });
  });

  it('adds rows and groups, switches AND to OR, and removes a group left empty', () => {
    const tree = createTree();
    const inner = createGroup('all', [createClause('city')]);
    const withGroup = addChild(tree, tree.id, inner);
    const switched = updateGroup(withGroup, inner.id, { join: 'any', negated: true });
    expect(findNode(switched, inner.id)).toMatchObject({ join: 'any', negated: true });
    const emptied = removeNode(switched, clauseAt(switched, 1, 0).id);
    expect(emptied.children).toHaveLength(1);
    expect(findNode(emptied, inner.id)).toBeNull();
    expect(removeNode(emptied, emptied.id)).toMatchObject({ id: tree.id, children: [] });
  });

  it('"or" wraps a row of an AND group in an OR group, and extends an OR group in place', () => {
    const tree = createTree();
    const row = clauseAt(tree, 0);
    const alternative = createClause('officeLocation');
    const first = addAlternative(updateClause(tree, row.id, { text: 'Marketing' }), row.id, alternative);
    const wrapper = first.children[0] as GroupNode;
    expect(wrapper).toMatchObject({ kind: 'group', join: 'any' });
    expect(wrapper.children.map((child) => child.id)).toEqual([row.id, alternative.id]);
    const another = createClause('city');
    const second = addAlternative(first, alternative.id, another);
    expect((second.children[0] as GroupNode).children).toHaveLength(3);
    expect(parentOf(second, another.id)?.id).toBe(wrapper.id);
  });

  it('lists people without a name and fills in those learnt', () => {
    const root = createTree();
    const tree = addChild(
      root,
      root.id,
      createClause('people', {
        people: [
          { id: 'a', displayName: null },
          { id: 'b', displayName: 'Bea' },
        ],
      }),
    );
    const withManager = addChild(
      tree,
      tree.id,
      createClause('manager', { people: [{ id: 'a', displayName: null }] }),
    );
    expect(unnamedPeople(withManager)).toEqual(['a']);
    const named = withNames(withManager, new Map([['a', 'Ann']]));
    expect(unnamedPeople(named)).toEqual([]);
    expect(clauseAt(named, 2).people).toEqual([{ id: 'a', displayName: 'Ann' }]);
  });

  it('learns the names of the groups a rule names, once per group, ignoring the case of ids', () => {
    const tree = createGroup('all', [
      createClause('group', { text: 'G-1' }),
      createGroup('any', [
        createClause('group', { text: 'G-1' }),
        createClause('group', { text: 'g-2', groupName: 'Known' }),
      ]),
      createClause('group'),
      createClause('department', { text: 'G-3' }),
    ]);
    expect(unnamedGroups(tree)).toEqual(['G-1']);
    const named = withGroupNames(
      tree,
      new Map([
        ['g-1', 'Finance'],
        ['g-2', 'Other'],
      ]),
    );
    expect(unnamedGroups(named)).toEqual([]);
    expect(clauseAt(named, 0).groupName).toBe('Finance');
    expect(clauseAt(named, 1, 1).groupName).toBe('Known');
    expect(withGroupNames(tree, new Map()).children[0]).toMatchObject({ groupName: null });
  });

  it('forgets the group when the row changes to a field entered another way', () => {
    const tree = createGroup('all', [createClause('group', { text: 'g-1', groupName: 'Finance' })]);
    expect(clauseAt(setField(tree, clauseAt(tree, 0).id, 'city'), 0)).toMatchObject({
      text: '',
      groupName: null,
    });
  });
});
