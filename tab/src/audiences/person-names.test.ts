import { describe, expect, it } from 'vitest';
import { ApiError } from '../api-client.js';
import type { AudiencePreview, AudienceRule } from '../api-types.js';
import { lookUpNames } from './person-names.js';

const directory = new Map(Array.from({ length: 25 }, (_, index) => [`id-${index}`, `Person ${index}`]));

/** Answers like the API: a 400 naming the first included id not in the directory, else a sample of ten. */
function fakePreview(asked: string[][]) {
  return async (rule: AudienceRule): Promise<Pick<AudiencePreview, 'sample'>> => {
    const ids = 'people' in rule && 'include' in rule.people ? rule.people.include : [];
    asked.push(ids);
    const missing = ids.findIndex((id) => !directory.has(id));
    if (missing >= 0) {
      throw new ApiError(400, 'CAMPUS_ERR_INVALID_AUDIENCE_RULE', 'not in the directory', {
        field: `/people/include/${missing}`,
      });
    }
    const sample = ids.slice(0, 10).map((id) => ({
      id,
      displayName: directory.get(id)!,
      jobTitle: null,
      department: null,
      officeLocation: null,
    }));
    return { sample };
  };
}

describe('looking up the names of people a rule names', () => {
  it('asks ten at a time and names everyone still in the directory', async () => {
    const asked: string[][] = [];
    const ids = [...directory.keys()];
    const names = await lookUpNames(fakePreview(asked), ids);
    expect(asked.map((batch) => batch.length)).toEqual([10, 10, 5]);
    expect(names.size).toBe(25);
    expect(names.get('id-13')).toBe('Person 13');
  });

  it('leaves out people the directory no longer has and names the rest', async () => {
    const asked: string[][] = [];
    const names = await lookUpNames(fakePreview(asked), ['gone-1', 'id-1', 'gone-2', 'id-2']);
    expect([...names]).toEqual([
      ['id-1', 'Person 1'],
      ['id-2', 'Person 2'],
    ]);
    expect(asked).toEqual([
      ['gone-1', 'id-1', 'gone-2', 'id-2'],
      ['id-1', 'gone-2', 'id-2'],
      ['id-1', 'id-2'],
    ]);
  });

  it('passes other failures on', async () => {
    const failing = async () => {
      throw new ApiError(503, 'TAB_ERR_HTTP_503', 'Campus is having trouble right now.');
    };
    await expect(lookUpNames(failing, ['id-1'])).rejects.toMatchObject({ code: 'TAB_ERR_HTTP_503' });
  });
});
