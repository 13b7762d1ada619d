import { wallClockOf } from '../shared/wall-clock.js';
import type { ZonedDateTime } from './calendar-gateway.js';

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** True when the runtime knows the IANA time zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Offset of the zone from UTC at the instant, in milliseconds (positive east of Greenwich). */
function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const wall = wallClockOf(new Date(instantMs), timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The UTC instant of a wall-clock time in a zone, or null when the text is not a local date-time.
 * A time inside a daylight-saving gap resolves to the instant just after the gap, as Outlook does.
 */
export function toInstant(zoned: ZonedDateTime): Date | null {
  const match = LOCAL_DATE_TIME.exec(zoned.dateTime);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match
    .slice(1)
    .map((part) => Number(part ?? 0)) as number[];
  const wallClockAsUtc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  const check = new Date(wallClockAsUtc);
  if (
    check.getUTCMonth() !== month! - 1 ||
    check.getUTCDate() !== day! ||
    hour! > 23 ||
    minute! > 59 ||
    second! > 59
  ) {
    return null;
  }
  const firstGuess = wallClockAsUtc - zoneOffsetMs(wallClockAsUtc, zoned.timeZone);
  const secondGuess = wallClockAsUtc - zoneOffsetMs(firstGuess, zoned.timeZone);
  return new Date(Math.max(firstGuess, secondGuess));
}

/** Normalizes 'YYYY-MM-DDTHH:mm' to 'YYYY-MM-DDTHH:mm:ss' so stored and sent values look alike. */
export function normalizeLocalDateTime(dateTime: string): string {
  return dateTime.length === 16 ? `${dateTime}:00` : dateTime;
}
