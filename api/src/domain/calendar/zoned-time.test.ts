import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, toInstant } from './zoned-time.js';

describe('toInstant', () => {
  it('converts wall-clock times in zones on both sides of Greenwich', () => {
    expect(toInstant({ dateTime: '2026-12-01T15:00:00', timeZone: 'Europe/Paris' })?.toISOString()).toBe(
      '2026-12-01T14:00:00.000Z',
    );
    expect(toInstant({ dateTime: '2026-07-01T09:30:00', timeZone: 'America/Los_Angeles' })?.toISOString()).toBe(
      '2026-07-01T16:30:00.000Z',
    );
    expect(toInstant({ dateTime: '2026-12-01T10:00', timeZone: 'Asia/Kolkata' })?.toISOString()).toBe(
      '2026-12-01T04:30:00.000Z',
    );
  });

  it('resolves a time inside a daylight-saving gap to just after it', () => {
    // Europe/Paris skips 02:00-03:00 on 2027-03-28.
    expect(toInstant({ dateTime: '2027-03-28T02:30:00', timeZone: 'Europe/Paris' })?.toISOString()).toBe(
      '2027-03-28T01:30:00.000Z',
    );
  });

  it('rejects text that is not a real local date-time', () => {
    expect(toInstant({ dateTime: '2026-02-30T10:00:00', timeZone: 'UTC' })).toBeNull();
    expect(toInstant({ dateTime: '2026-12-01 10:00', timeZone: 'UTC' })).toBeNull();
    expect(toInstant({ dateTime: '2026-12-01T24:00:00', timeZone: 'UTC' })).toBeNull();
  });
});

describe('isKnownTimeZone', () => {
  it('knows IANA names and refuses made-up ones', () => {
    expect(isKnownTimeZone('Australia/Sydney')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
