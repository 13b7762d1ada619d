/** Names for the groups a saved rule names by id, asked of the API twenty ids at a time (its most per look-up). */
import type { GroupSummary } from '../api-types.js';

export const groupIdsPerLookup = 20;

/** The names of the groups Graph still knows, by id in lower case; groups gone since are missing from the map. */
export async function lookUpGroupNames(
  findGroups: (ids: readonly string[]) => Promise<{ groups: GroupSummary[] }>,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let start = 0; start < ids.length; start += groupIdsPerLookup) {
    const { groups } = await findGroups(ids.slice(start, start + groupIdsPerLookup));
    for (const group of groups) names.set(group.id.toLowerCase(), group.displayName);
  }
  return names;
}
