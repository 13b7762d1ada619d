import { describe, expect, it } from 'vitest';
import { clashBadge, decisionText, delegationText, parseRuleHours, ruleText } from './approval-words.js';

const format = (instant: Date) => instant.toISOString().slice(0, 16);
const decided = {
  decidedAt: '2026-11-26T09:30:00.000Z',
  decidedBy: { userId: 'megan', name: 'Megan Bowen', via: 'approver' },
  comment: null,
};

describe('decisionText', () => {
  it('names who decided, when, and quotes the comment', () => {
    expect(decisionText({ ...decided, outcome: 'approved', comment: 'Enjoy it' }, format)).toBe(
      'Approved by Megan Bowen on 2026-11-26T09:30: “Enjoy it”',
    );
    expect(decisionText({ ...decided, outcome: 'declined' }, format)).toBe(
      'Declined by Megan Bowen on 2026-11-26T09:30.',
    );
  });

  it('explains decisions Campus made', () => {
    const campus = { ...decided, decidedBy: { userId: null, name: null, via: 'expiry' } };
    expect(decisionText({ ...campus, outcome: 'expired' }, format)).toMatch(
      /^Expired on 2026-11-26T09:30: nobody/,
    );
    expect(decisionText({ ...campus, outcome: 'withdrawn' }, format)).toMatch(/^Withdrawn on/);
  });
});

describe('standing rules', () => {
  it('read as a sentence', () => {
    expect(ruleText(2)).toBe('Approve my team at once for sessions up to 2 hours');
    expect(ruleText(1)).toBe('Approve my team at once for sessions up to 1 hour');
  });

  it('take quarter hours above 0 and up to a working day', () => {
    expect(parseRuleHours('1.5')).toEqual({ hours: 1.5 });
    expect(parseRuleHours(' 0,75 ')).toEqual({ hours: 0.75 });
    expect(parseRuleHours('8')).toEqual({ hours: 8 });
    for (const bad of ['', '0', '-1', '8.25', 'two']) {
      expect(parseRuleHours(bad)).toEqual({ error: 'Enter a number of hours above 0 and at most 8.' });
    }
    expect(parseRuleHours('1.1')).toEqual({ error: 'Use quarter hours: 0.25, 0.5, 0.75, 1, 1.25…' });
  });
});

describe('clashBadge', () => {
  it('colours the calendar check', () => {
    expect(clashBadge('free')).toEqual({ text: 'Calendar free', color: 'success' });
    expect(clashBadge('busy')).toEqual({ text: 'Calendar clash', color: 'danger' });
    expect(clashBadge('unknown').color).toBe('warning');
  });
});

describe('delegationText', () => {
  it('says for whom the viewer decides and until when', () => {
    expect(delegationText([], format)).toBeNull();
    expect(
      delegationText(
        [{ id: 'megan', displayName: 'Megan Bowen', until: '2026-12-04T17:00:00.000Z' }],
        format,
      ),
    ).toBe('You decide for Megan Bowen until 2026-12-04T17:00, as their delegate.');
    expect(
      delegationText(
        [
          { id: 'megan', displayName: 'Megan Bowen', until: null },
          { id: 'lee', displayName: null, until: null },
          { id: 'nestor', displayName: 'Nestor Wilke', until: null },
        ],
        format,
      ),
    ).toBe('You decide for Megan Bowen, a supervisor and Nestor Wilke, as their delegate.');
  });
});
