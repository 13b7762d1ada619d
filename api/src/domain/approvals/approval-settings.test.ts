import { describe, expect, it } from 'vitest';
import { activeDelegate, matchingRule, type ApprovalSettings } from './approval-settings.js';
import { createApprovalHarness, people, TENANT } from './approval-fakes.js';

const now = new Date('2025-03-07T12:00:00Z');
const megan = { ...TENANT, userId: 'megan' };

function settings(partial: Partial<ApprovalSettings>): ApprovalSettings {
  return { tenantId: 'tenant-1', userId: 'megan', delegation: null, rules: [], updatedAt: now, ...partial };
}

describe('approval settings', () => {
  it('has an active delegate until the end date, and always when there is none', () => {
    const until = new Date('2025-03-10T00:00:00Z');
    expect(
      activeDelegate(
        settings({ delegation: { delegate: people.alex, until } }),
        new Date('2025-03-09T23:59:59Z'),
      ),
    ).toEqual(people.alex);
    expect(activeDelegate(settings({ delegation: { delegate: people.alex, until } }), until)).toBeNull();
    expect(
      activeDelegate(
        settings({ delegation: { delegate: people.alex, until: null } }),
        new Date('2030-01-01T00:00:00Z'),
      ),
    ).toEqual(people.alex);
    expect(activeDelegate(null, now)).toBeNull();
  });

  it('picks the most generous rule covering the hours away', () => {
    const rules = [
      { id: 'short', maxHours: 1, createdAt: now },
      { id: 'long', maxHours: 4, createdAt: now },
    ];
    expect(matchingRule(settings({ rules }), 0.75)?.id).toBe('long');
    expect(matchingRule(settings({ rules }), 4)?.id).toBe('long');
    expect(matchingRule(settings({ rules }), 4.25)).toBeNull();
    expect(matchingRule(null, 1)).toBeNull();
  });

  it('saves a delegate from the directory and rules, keeping the id of an unchanged rule', async () => {
    const t = createApprovalHarness({ now });
    const first = await t.approvals.updateSettings(megan, {
      delegate: { userId: 'alex', until: null },
      rules: [{ maxHours: 1 }],
    });
    expect(first.delegation).toEqual({ delegate: people.alex, until: null });
    const second = await t.approvals.updateSettings(megan, {
      delegate: null,
      rules: [{ maxHours: 1 }, { maxHours: 2.5 }, { maxHours: 1 }],
    });
    expect(second.rules.map((rule) => rule.maxHours)).toEqual([1, 2.5]);
    expect(second.rules[0]!.id).toBe(first.rules[0]!.id);
    expect(await t.approvals.getSettings(megan)).toEqual(second);
  });

  it.each([
    ['themself as delegate', { delegate: { userId: 'MEGAN', until: null }, rules: [] }, '/delegate/userId'],
    [
      'a delegation that already ended',
      { delegate: { userId: 'alex', until: now }, rules: [] },
      '/delegate/until',
    ],
    ['a rule of no time', { delegate: null, rules: [{ maxHours: 0 }] }, '/rules/0/maxHours'],
    [
      'a rule longer than a working day',
      { delegate: null, rules: [{ maxHours: 8.25 }] },
      '/rules/0/maxHours',
    ],
    [
      'a rule not in quarter hours',
      { delegate: null, rules: [{ maxHours: 1 }, { maxHours: 1.1 }] },
      '/rules/1/maxHours',
    ],
    [
      'too many rules',
      { delegate: null, rules: [1, 2, 3, 4, 5, 6].map((maxHours) => ({ maxHours })) },
      '/rules',
    ],
  ])('refuses %s, naming the field', async (_case, input, field) => {
    const t = createApprovalHarness({ now });
    await expect(t.approvals.updateSettings(megan, input)).rejects.toMatchObject({
      code: 'CAMPUS_ERR_VALIDATION',
      details: { field },
    });
  });

  it('refuses a delegate the directory does not know', async () => {
    const t = createApprovalHarness({ now });
    await expect(
      t.approvals.updateSettings(megan, { delegate: { userId: 'nobody', until: null }, rules: [] }),
    ).rejects.toMatchObject({
      code: 'CAMPUS_ERR_UNKNOWN_DELEGATE',
      details: { field: '/delegate/userId' },
    });
  });
});
