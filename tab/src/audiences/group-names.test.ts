import { describe, expect, it } from 'vitest';
import type { GroupSummary } from '../api-types.js';
import { lookUpGroupNames } from './group-names.js';

describe('looking up the names of groups a rule names', () => {
  it('asks twenty ids at a time and names the groups still known, by id in lower case', async () => {
    const asked: string[][] = [];
    const known = (id: string) => !id.endsWith('7');
    const findGroups = async (ids: readonly string[]) => {
      asked.push([...ids]);
      return {
        groups: ids.filter(known).map((id): GroupSummary => ({
          id: id.toUpperCase(),
          displayName: `Group ${id}`,
          description: null,
        })),
      };
    };
    const ids = Array.from({ length: 45 }, (_, n) => `g-${n}`);
    const names = await lookUpGroupNames(findGroups, ids);
    expect(asked.map((batch) => batch.length)).toEqual([20, 20, 5]);
    expect(names.get('g-12')).toBe('Group g-12');
    expect(names.has('g-17')).toBe(false);
    expect(names.size).toBe(ids.filter(known).length);
  });
});
