import { describe, expect, it } from 'vitest';
import { ApiError } from '../api-client.js';
import type { AudiencePreview } from '../api-types.js';
import { toRule } from './rule-json.js';
import { ruleMessages, withoutPointer } from './rule-messages.js';
import { createClause, createGroup } from './rule-tree.js';

const manager = createClause('manager', {
  people: [{ id: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', displayName: 'Ann' }],
});
const title = createClause('jobTitle', { operator: 'startsWith', text: 'Senior' });
const unfinished = createClause('city');
const tree = createGroup('all', [manager, unfinished, title]);
const translation = toRule(tree);

const refusal = (field: string, message: string) =>
  new ApiError(400, 'CAMPUS_ERR_INVALID_AUDIENCE_RULE', message, { field });

describe('messages beside the rows', () => {
  it('puts the API refusal on the row it names, without the pointer prefix', () => {
    const messages = ruleMessages({
      translation,
      showUnfinished: false,
      failures: [
        refusal('/all/0/manager/under', "rule/all/0/manager/under: person '6f1c…' is not in the directory"),
      ],
      preview: null,
    });
    expect([...messages]).toEqual([[manager.id, "person '6f1c…' is not in the directory"]]);
  });

  it('names unfinished rows only once a save was tried', () => {
    expect(ruleMessages({ translation, showUnfinished: false, failures: [], preview: null }).size).toBe(0);
    expect(
      ruleMessages({ translation, showUnfinished: true, failures: [], preview: null }).get(unfinished.id),
    ).toBe('Enter at least one value.');
  });

  it('marks rows a saved rule names someone gone from, and ignores failures that are not about the rule', () => {
    const preview = { warnings: [{ field: '/all/1/jobTitle', message: 'gone' }] } as AudiencePreview;
    const other = new ApiError(409, 'CAMPUS_ERR_AUDIENCE_NAME_TAKEN', 'taken', { field: '/all/0' });
    const messages = ruleMessages({
      translation,
      showUnfinished: false,
      failures: [other, new Error('offline')],
      preview,
    });
    expect([...messages]).toEqual([[title.id, 'gone']]);
  });

  it('keeps messages without a pointer as they are', () => {
    expect(withoutPointer('rule: nests deeper than 8 levels')).toBe('nests deeper than 8 levels');
    expect(withoutPointer('Campus is busy')).toBe('Campus is busy');
  });
});
