/**
 * Names for the people a saved rule names by id. The API has no look-up by id for organizers, but a preview of
 * "exactly these people" samples up to ten members, so ten ids at a time come back with their names. Someone no
 * longer in the directory is refused by a 400 naming their place in the list: they are left out and asked again
 * without them, and stay unnamed.
 */
import { ApiError } from '../api-client.js';
import type { AudiencePreview, AudienceRule } from '../api-types.js';

/** The preview's sample size: the most ids one preview can name. */
export const idsPerPreview = 10;

const refusedIndex = /^\/people\/include\/(\d+)$/;

async function namesOf(
  preview: (rule: AudienceRule) => Promise<Pick<AudiencePreview, 'sample'>>,
  ids: string[],
): Promise<Array<[string, string]>> {
  let asked = ids;
  while (asked.length > 0) {
    try {
      const { sample } = await preview({ people: { include: asked } });
      return sample.map((person) => [person.id, person.displayName]);
    } catch (error) {
      const index =
        error instanceof ApiError && error.status === 400 ? refusedIndex.exec(error.field ?? '') : null;
      if (!index) throw error;
      asked = asked.filter((_id, position) => position !== Number(index[1]));
    }
  }
  return [];
}

/** The names of `ids` the directory still has; the others are missing from the map. */
export async function lookUpNames(
  preview: (rule: AudienceRule) => Promise<Pick<AudiencePreview, 'sample'>>,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let start = 0; start < ids.length; start += idsPerPreview) {
    for (const [id, name] of await namesOf(preview, ids.slice(start, start + idsPerPreview)))
      names.set(id, name);
  }
  return names;
}
