import { createError } from '../../errors.js';
import type { ZonedDateTime } from '../calendar/calendar-gateway.js';
import { isKnownTimeZone, normalizeLocalDateTime, toInstant } from '../calendar/zoned-time.js';

/** The longest session Campus books: a full training day. */
export const MAX_SESSION_HOURS = 12;
export const MAX_CAPACITY = 10_000;

function invalid(field: string, message: string): never {
  throw createError('CAMPUS_ERR_VALIDATION', message, { details: { field } });
}

/**
 * Checks a session's schedule and returns its UTC instants. The HTTP schema already checked shapes;
 * these are the rules that need the calendar: real dates, known zones, order, length, not in the past.
 */
export function checkSchedule(
  start: ZonedDateTime,
  end: ZonedDateTime,
  now: Date,
): { start: ZonedDateTime; end: ZonedDateTime; startsAt: Date; endsAt: Date } {
  for (const [field, value] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (!isKnownTimeZone(value.timeZone)) invalid(`/${field}/timeZone`, `${field}.timeZone '${value.timeZone}' is not an IANA time zone`);
  }
  const startsAt = toInstant(start);
  if (!startsAt) invalid('/start/dateTime', `start.dateTime '${start.dateTime}' is not a valid date and time`);
  const endsAt = toInstant(end);
  if (!endsAt) invalid('/end/dateTime', `end.dateTime '${end.dateTime}' is not a valid date and time`);
  if (endsAt <= startsAt) invalid('/end', 'end must be after start');
  if (endsAt.getTime() - startsAt.getTime() > MAX_SESSION_HOURS * 3_600_000) {
    invalid('/end', `a session lasts at most ${MAX_SESSION_HOURS} hours`);
  }
  if (startsAt <= now) invalid('/start', 'start must be in the future');
  return {
    start: { dateTime: normalizeLocalDateTime(start.dateTime), timeZone: start.timeZone },
    end: { dateTime: normalizeLocalDateTime(end.dateTime), timeZone: end.timeZone },
    startsAt,
    endsAt,
  };
}

export function checkCapacity(capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) {
    invalid('/capacity', `capacity must be a whole number from 1 to ${MAX_CAPACITY}`);
  }
}
