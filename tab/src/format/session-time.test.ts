import { describe, expect, it } from 'vitest';
import { formatDuration, formatSessionTime } from './session-time.js';

/** ICU writes narrow no-break spaces before AM/PM; compare with plain spaces. */
const plain = (text: string | null) => text?.replace(/\s/g, ' ') ?? null;

const parisSession = {
  startsAt: '2026-12-01T14:00:00.000Z',
  endsAt: '2026-12-01T15:30:00.000Z',
  start: { timeZone: 'Europe/Paris' },
};

describe('formatSessionTime', () => {
  it("shows the viewer's zone first and the session's zone beside it", () => {
    const text = formatSessionTime(parisSession, { locale: 'en-US', timeZone: 'America/New_York' });
    expect(text.date).toBe('Tue, Dec 1, 2026');
    expect(plain(text.time)).toBe('9:00 AM – 10:30 AM EST');
    expect(plain(text.inSessionZone)).toBe('3:00 PM – 4:30 PM (Europe/Paris)');
    expect(text.duration).toBe('1 h 30 min');
  });

  it('leaves out the session zone when it shows the same clock as the viewer', () => {
    const text = formatSessionTime(parisSession, { locale: 'en-GB', timeZone: 'Europe/Berlin' });
    expect(plain(text.time)).toBe('15:00 – 16:30 CET');
    expect(text.inSessionZone).toBeNull();
  });

  it('names both dates when the session crosses midnight for the viewer', () => {
    const text = formatSessionTime(parisSession, { locale: 'en-US', timeZone: 'Pacific/Kiritimati' });
    expect(text.date).toBe('Wed, Dec 2, 2026');
    expect(plain(text.time)).toBe('4:00 AM – 5:30 AM GMT+14');
    const late = formatSessionTime(
      { startsAt: '2026-12-01T22:30:00Z', endsAt: '2026-12-02T00:30:00Z', start: { timeZone: 'UTC' } },
      { locale: 'en-US', timeZone: 'UTC' },
    );
    expect(plain(late.time)).toBe('Dec 1, 10:30 PM – Dec 2, 12:30 AM UTC');
  });

  it('follows daylight saving time at the session date', () => {
    const summer = { ...parisSession, startsAt: '2026-07-01T13:00:00Z', endsAt: '2026-07-01T14:00:00Z' };
    expect(
      plain(formatSessionTime(summer, { locale: 'en-US', timeZone: 'America/New_York' }).inSessionZone),
    ).toBe('3:00 PM – 4:00 PM (Europe/Paris)');
  });

  it('names a session zone the runtime does not know instead of failing', () => {
    const odd = { ...parisSession, start: { timeZone: 'Mars/Olympus_Mons' } };
    expect(formatSessionTime(odd, { locale: 'en-US', timeZone: 'UTC' }).inSessionZone).toBe(
      '(Mars/Olympus_Mons)',
    );
  });
});

describe('formatDuration', () => {
  it('writes minutes, hours, and both', () => {
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(60)).toBe('1 h');
    expect(formatDuration(135)).toBe('2 h 15 min');
  });
});
