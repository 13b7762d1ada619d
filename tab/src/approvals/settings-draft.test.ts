import { describe, expect, it } from 'vitest';
import { toSettingsRequest, untilFromDateInput, withoutRule, withRule } from './settings-draft.js';

const view = {
  delegate: {
    userId: 'patti',
    displayName: 'Patti Fernandez',
    mail: 'p@x',
    until: '2026-12-05T07:59:59.000Z',
    active: true,
  },
  rules: [{ id: 'r1', maxHours: 2 }],
  updatedAt: '2026-11-25T10:00:00.000Z',
};

describe('approval settings draft', () => {
  it('keeps the delegate and rules as they stand when one thing changes', () => {
    const current = toSettingsRequest(view);
    expect(current).toEqual({
      delegate: { userId: 'patti', until: '2026-12-05T07:59:59.000Z' },
      rules: [{ maxHours: 2 }],
    });
    expect(withRule(current, 1)).toEqual({ ...current, rules: [{ maxHours: 1 }, { maxHours: 2 }] });
    expect(withRule(current, 2)).toBe(current);
    expect(withoutRule(current, 2)).toEqual({ ...current, rules: [] });
    expect(toSettingsRequest({ ...view, delegate: null, rules: [] })).toEqual({ delegate: null, rules: [] });
  });

  it('ends a delegation at the end of the chosen day in the viewer zone', () => {
    const until = untilFromDateInput('2026-12-05');
    const local = new Date(until!);
    expect([
      local.getFullYear(),
      local.getMonth(),
      local.getDate(),
      local.getHours(),
      local.getMinutes(),
    ]).toEqual([2026, 11, 5, 23, 59]);
    expect(untilFromDateInput('')).toBeNull();
  });
});
