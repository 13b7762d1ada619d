import { describe, expect, it } from 'vitest';
import { addMinutes, minutesBetween, wallClockAt } from './wall-clock.js';

describe('wall-clock times', () => {
  it('reads the clock of a zone at an instant', () => {
    const instant = new Date('2026-03-29T00:30:00Z');
    expect(wallClockAt(instant, 'Europe/Paris')).toBe('2026-03-29T01:30');
    expect(wallClockAt(instant, 'America/Los_Angeles')).toBe('2026-03-28T17:30');
    expect(wallClockAt(new Date('2026-01-01T00:00:00Z'), 'UTC')).toBe('2026-01-01T00:00');
  });

  it('adds minutes across days, months and years', () => {
    expect(addMinutes('2026-12-31T23:30', 60)).toBe('2027-01-01T00:30');
    expect(addMinutes('2026-02-28T10:00', 24 * 60)).toBe('2026-03-01T10:00');
    expect(addMinutes('tomorrow', 60)).toBeNull();
  });

  it('counts minutes between two wall-clock times and refuses dates that do not exist', () => {
    expect(minutesBetween('2026-12-01T15:00', '2026-12-01T16:30')).toBe(90);
    expect(minutesBetween('2026-12-01T15:00:00', '2026-12-01T14:00')).toBe(-60);
    expect(minutesBetween('2026-02-30T10:00', '2026-03-01T10:00')).toBeNull();
  });
});
