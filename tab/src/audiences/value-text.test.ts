import { describe, expect, it } from 'vitest';
import { peopleCount, valueBeingTyped, withChosenValue } from './value-text.js';

describe('typing values with suggestions', () => {
  it('suggests for the value after the last comma of a list, or for the whole text', () => {
    expect(valueBeingTyped('Finance, sa', true)).toBe('sa');
    expect(valueBeingTyped('Finance,', true)).toBe('');
    expect(valueBeingTyped(' fin ', true)).toBe('fin');
    expect(valueBeingTyped('Sales, Manager', false)).toBe('Sales, Manager');
  });

  it('puts the chosen value in place of the one typed, keeping the earlier ones once', () => {
    expect(withChosenValue('Finance, sa', 'Sales', true)).toBe('Finance, Sales');
    expect(withChosenValue('fin', 'Finance', true)).toBe('Finance');
    expect(withChosenValue('Sales, , finance, fin', 'Finance', true)).toBe('Sales, Finance');
    expect(withChosenValue('sales man', 'Sales Manager', false)).toBe('Sales Manager');
  });

  it('counts people in words', () => {
    expect(peopleCount(1)).toBe('1 person');
    expect(peopleCount(1234)).toBe('1,234 people');
  });
});
