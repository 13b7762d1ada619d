import { describe, expect, it } from 'vitest';
import {
  formatInZone,
  normalizeDateTime,
  resolveTimeZone,
  toInstantMs,
  windowsNameOf,
} from './time-zones.js';

describe('time zones', () => {
  it('accepts Windows and IANA names and rejects names Outlook does not know', () => {
    expect(resolveTimeZone('Pacific Standard Time')).toBe('America/Los_Angeles');
    expect(resolveTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(resolveTimeZone('UTC')).toBe('UTC');
    expect(resolveTimeZone('Greenwich Mean Time')).toBeNull();
    expect(resolveTimeZone('Mars/Olympus')).toBeNull();
    expect(resolveTimeZone('')).toBeNull();
  });

  it('converts wall-clock times across daylight saving changes', () => {
    expect(new Date(toInstantMs('2026-03-07T12:00:00', 'Pacific Standard Time')!).toISOString()).toBe(
      '2026-03-07T20:00:00.000Z',
    );
    expect(new Date(toInstantMs('2026-03-09T12:00:00', 'Pacific Standard Time')!).toISOString()).toBe(
      '2026-03-09T19:00:00.000Z',
    );
    // 02:30 does not exist in Paris on 29 March 2026; Outlook moves it past the gap.
    expect(new Date(toInstantMs('2026-03-29T02:30:00', 'Europe/Paris')!).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(formatInZone(Date.UTC(2026, 6, 1, 12), 'Romance Standard Time')).toBe(
      '2026-07-01T14:00:00.0000000',
    );
  });

  it('rejects impossible dates and keeps the sent wall clock in Graph’s format', () => {
    expect(toInstantMs('2026-02-30T10:00:00', 'UTC')).toBeNull();
    expect(normalizeDateTime('2026-03-10T14:00')).toBe('2026-03-10T14:00:00.0000000');
    expect(normalizeDateTime('2026-03-10T14:00:00.1234567')).toBe('2026-03-10T14:00:00.1230000');
    expect(windowsNameOf('Asia/Tokyo')).toBe('Tokyo Standard Time');
  });
});
