import { describe, expect, it } from 'vitest';
import type { ApprovalView } from '../api-types.js';
import { mergeDecided } from './decided-list.js';

const view = (id: string, outcome: 'approved' | 'declined') =>
  ({ id, status: outcome, decision: { outcome } }) as unknown as ApprovalView;

describe('mergeDecided', () => {
  it('puts what was decided here first and lists each request once, keeping the newest answer', () => {
    const here = [view('b', 'declined')];
    const pages = [[view('a', 'approved'), view('b', 'approved')], [view('c', 'approved')]];
    expect(mergeDecided(here, pages).map((approval) => [approval.id, approval.status])).toEqual([
      ['b', 'declined'],
      ['a', 'approved'],
      ['c', 'approved'],
    ]);
  });

  it('is empty before anything is loaded or decided', () => {
    expect(mergeDecided([], [])).toEqual([]);
  });
});
