/** Wall-clock times as `<input type="datetime-local">` writes them: YYYY-MM-DDTHH:mm, with no zone attached. */

const pad = (value: number) => String(value).padStart(2, '0');

/** Reads a wall-clock time as if it were UTC, so calendar arithmetic is plain millisecond arithmetic. */
function parseWallClock(local: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const time = Date.UTC(year, month - 1, day, hour, minute);
  // Date.UTC rolls 2026-02-30 over to March; a date that does not exist is unreadable, not another date.
  return new Date(time).getUTCDate() === day ? time : null;
}

function formatWallClock(time: number): string {
  const date = new Date(time);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** Whether `local` is a real date and time in the YYYY-MM-DDTHH:mm form. */
export function isWallClock(local: string): boolean {
  return parseWallClock(local) !== null;
}

/** Whether this runtime's Intl knows the IANA zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone.length > 0;
  } catch {
    return false;
  }
}

/** The wall-clock time in `timeZone` at the instant `now`. */
export function wallClockAt(now: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** Adds minutes by calendar arithmetic (DST shifts are the server's concern); null if `local` is unreadable. */
export function addMinutes(local: string, minutes: number): string | null {
  const time = parseWallClock(local);
  return time === null ? null : formatWallClock(time + minutes * 60_000);
}

/** Minutes from one wall-clock time to another, ignoring DST; null if either is unreadable. */
export function minutesBetween(from: string, to: string): number | null {
  const [a, b] = [parseWallClock(from), parseWallClock(to)];
  return a === null || b === null ? null : (b - a) / 60_000;
}
