import type { TenantScope } from '../shared/tenant-scope.js';
import type { DirectoryStore, ManagerLink } from './directory-person.js';

/**
 * The chain of managers above each of `ids`, nearest first, following `managerOf`. A manager missing from the map
 * ends the chain after it (it is still named: it is the person's manager). A reporting cycle ends the chain before
 * the first repeat, so every chain is finite and never holds the person themself.
 */
export function computeManagerChains(
  managerOf: ReadonlyMap<string, string | null>,
  ids: Iterable<string>,
): Map<string, string[]> {
  const memo = new Map<string, string[]>();
  const chainOf = (id: string): string[] => {
    const cached = memo.get(id);
    if (cached) return cached;
    const chain: string[] = [];
    const seen = new Set([id]);
    let current = managerOf.get(id) ?? null;
    while (current !== null && !seen.has(current)) {
      // A chain already computed above is reused unless it loops back through someone on this one.
      const known = memo.get(current);
      if (known && !known.some((above) => seen.has(above))) {
        chain.push(current, ...known);
        break;
      }
      chain.push(current);
      seen.add(current);
      current = managerOf.get(current) ?? null;
    }
    memo.set(id, chain);
    return chain;
  };
  const result = new Map<string, string[]>();
  for (const id of ids) result.set(id, chainOf(id));
  return result;
}

function sameChain(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** Chains that differ from the stored ones, ready to write. */
function changedChains(
  links: Iterable<ManagerLink>,
  chains: Map<string, string[]>,
): Array<{ id: string; managerChain: string[] }> {
  const changed: Array<{ id: string; managerChain: string[] }> = [];
  for (const link of links) {
    const chain = chains.get(link.id);
    if (chain && !sameChain(link.managerChain, chain)) changed.push({ id: link.id, managerChain: chain });
  }
  return changed;
}

/**
 * After people's managers changed: recomputes the chains of those people and of everyone below them (whose stored
 * chain passes through one of them), reading the managers above level by level, and writes the chains that
 * changed. Answers how many.
 */
export async function refreshChainsBelow(
  directory: DirectoryStore,
  scope: TenantScope,
  rootIds: string[],
): Promise<number> {
  if (rootIds.length === 0) return 0;
  const [roots, below] = await Promise.all([
    directory.findManagerLinks(scope, rootIds),
    directory.listManagerLinksUnder(scope, rootIds),
  ]);
  const targets = new Map([...roots, ...below].map((link) => [link.id, link]));
  const managerOf = new Map([...targets.values()].map((link) => [link.id, link.managerId]));
  const looked = new Set(managerOf.keys());
  let missing = [
    ...new Set([...managerOf.values()].filter((id): id is string => id !== null && !looked.has(id))),
  ];
  while (missing.length > 0) {
    for (const id of missing) looked.add(id);
    const above = await directory.findManagerLinks(scope, missing);
    for (const link of above) managerOf.set(link.id, link.managerId);
    missing = [
      ...new Set(
        above.map((link) => link.managerId).filter((id): id is string => id !== null && !looked.has(id)),
      ),
    ];
  }
  const changed = changedChains(targets.values(), computeManagerChains(managerOf, targets.keys()));
  await directory.setManagerChains(scope, changed);
  return changed.length;
}
