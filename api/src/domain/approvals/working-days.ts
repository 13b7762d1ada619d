import { toInstant } from '../calendar/zoned-time.js';
import { wallClockOf } from '../shared/wall-clock.js';

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
  const dateTime = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(start.hour)}:${pad(start.minute)}:${pad(start.second)}`;
  return toInstant({ dateTime, timeZone }) ?? new Date(from.getTime() + days * 86_400_000);
}
