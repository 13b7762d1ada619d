import { toInstant } from '../calendar/zoned-time.js';

interface WallClock {
  year: number;
  month: number;
  day: number;
  time: string;
}

function wallClockOf(instant: Date, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((candidate) => candidate.type === type)?.value ?? '00';
  return {
    year: Number(part('year')),
    month: Number(part('month')),
    day: Number(part('day')),
    time: `${part('hour')}:${part('minute')}:${part('second')}`,
  };
}

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * The instant `days` working days (Monday to Friday) after `from`, at the same wall-clock time in `timeZone`:
 * a request made on Friday at 15:00 is two working days old on Tuesday at 15:00, one made on Saturday too.
 * Days are counted on the zone's calendar, so a daylight-saving change in between keeps the wall-clock time.
 * Public holidays are not known to Graph and are not skipped.
 */
export function addWorkingDays(from: Date, days: number, timeZone: string): Date {
  const start = wallClockOf(from, timeZone);
  const date = new Date(Date.UTC(start.year, start.month - 1, start.day));
  let counted = 0;
  while (counted < days) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted++;
  }
  const dateTime = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${start.time}`;
  return toInstant({ dateTime, timeZone }) ?? new Date(from.getTime() + days * 86_400_000);
}
