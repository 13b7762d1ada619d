import { describe, expect, it } from 'vitest';
import { timeRangeText } from './adaptive-card.js';

describe('timeRangeText', () => {
  it('uses the card date and time functions so each client shows the viewer its own zone', () => {
    expect(timeRangeText('2025-03-04T09:00:00.000Z', '2025-03-04T10:30:00Z')).toBe(
      '{{DATE(2025-03-04T09:00:00Z, SHORT)}} · {{TIME(2025-03-04T09:00:00Z)}} – {{TIME(2025-03-04T10:30:00Z)}}',
    );
  });

  it('turns an offset instant into UTC, which the card functions accept', () => {
    expect(timeRangeText('2025-03-04T10:00:00+01:00', '2025-03-04T11:00:00+01:00')).toContain(
      '{{TIME(2025-03-04T09:00:00Z)}}',
    );
  });

  it('refuses a value that is not an instant instead of rendering nonsense', () => {
    expect(() => timeRangeText('next Tuesday', '2025-03-04T10:00:00Z')).toThrow(RangeError);
  });
});
