import { listAt, postingsOf, type PackedLists } from './dictionary.js';

/**
 * The reporting lines as a tree numbered in depth-first order (an Euler tour): everyone under a person, at any
 * depth, sits at the positions just after that person up to `exit`, so "under X" is one contiguous range and
 * costs the size of the answer, not a walk through managers.
 */
export interface ManagerTree {
  /** Direct reports of each row. */
  reports: PackedLists;
  /** Rows in depth-first order. */
  preorder: Int32Array;
  /** Position of each row in `preorder`. */
  enter: Int32Array;
  /** Position of the last person of each row's subtree in `preorder` (enter itself when nobody reports to them). */
  exit: Int32Array;
}

/**
 * Builds the tree from each row's manager row (-1 at the top, or when the manager is not in the directory).
 * Reporting cycles (bad data) cannot be walked from a top: the first row of a cycle found unvisited becomes a top.
 */
export function buildManagerTree(managerRows: Int32Array): ManagerTree {
  const size = managerRows.length;
  // Reports per manager are the manager column inverted, like the values of any other column.
  const reports = postingsOf(managerRows.map((manager, row) => (manager === row ? -1 : manager)), size);
  const preorder = new Int32Array(size);
  const enter = new Int32Array(size).fill(-1);
  const exit = new Int32Array(size);
  let position = 0;
  const stack: number[] = [];

  const walk = (top: number): void => {
    enter[top] = position;
    preorder[position++] = top;
    stack.push(top, 0);
    while (stack.length > 0) {
      const next = stack.pop()!;
      const row = stack[stack.length - 1]!;
      const children = listAt(reports, row);
      if (next < children.length) {
        stack.push(next + 1);
        const child = children[next]!;
        if (enter[child] !== -1) continue;
        enter[child] = position;
        preorder[position++] = child;
        stack.push(child, 0);
      } else {
        stack.pop();
        exit[row] = position - 1;
      }
    }
  };

  for (let row = 0; row < size; row++) {
    const manager = managerRows[row]!;
    if (manager < 0 || manager === row) walk(row);
  }
  for (let row = 0; row < size; row++) if (enter[row] === -1) walk(row);
  return { reports, preorder, enter, exit };
}

/** Rows anywhere under `row`, the row itself excluded. */
export function rowsUnder(tree: ManagerTree, row: number): Int32Array {
  return tree.preorder.subarray(tree.enter[row]! + 1, tree.exit[row]! + 1);
}
