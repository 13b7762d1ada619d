/** How the tab writes session times: in the viewer's own zone first, the session's zone beside it when they differ. */
import { wallClockAt } from './wall-clock.js';

/** The pieces a session card shows. */
export interface SessionTimeText {
  /** e.g. "Tue, Dec 1, 2026" in the viewer's zone. */
  date: string;
  /** e.g. "3:00 PM – 4:30 PM GMT+1"; names the end's date too when the session ends on another day. */
  time: string;
  /** The same span in the session's own zone, e.g. "9:00 AM – 10:30 AM (America/New_York)"; null when the zones agree. */
  inSessionZone: string | null;
  /** e.g. "1 h 30 min". */
  duration: string;
}

/** Where and how to write times; both default to the browser's. */
export interface FormatOptions {
  locale?: string;
  timeZone?: string;
}

/** The browser's IANA time zone. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "45 min", "1 h", "2 h 15 min". */
export function formatDuration(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

function formatSpan(
  start: Date,
  end: Date,
  locale: string | undefined,
  timeZone: string,
  zoneLabel: 'short' | 'iana',
) {
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' });
  const day = new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric' });
  const sameDay = day.format(start) === day.format(end);
  const startText = sameDay ? time.format(start) : `${day.format(start)}, ${time.format(start)}`;
  const endText = sameDay ? time.format(end) : `${day.format(end)}, ${time.format(end)}`;
  const zone =
    zoneLabel === 'iana'
      ? `(${timeZone})`
      : (new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
          .formatToParts(start)
          .find((part) => part.type === 'timeZoneName')?.value ?? timeZone);
  return `${startText} – ${endText} ${zone}`;
}

/** Writes a session's start and end (UTC instants) for a viewer, mentioning the session's own zone when it differs. */
export function formatSessionTime(
  session: { startsAt: string; endsAt: string; start: { timeZone: string } },
  { locale, timeZone = viewerTimeZone() }: FormatOptions = {},
): SessionTimeText {
  const start = new Date(session.startsAt);
  const end = new Date(session.endsAt);
  const date = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  }).format(start);
  return {
    date,
    time: formatSpan(start, end, locale, timeZone, 'short'),
    inSessionZone: describeInSessionZone(start, end, locale, session.start.timeZone, timeZone),
    duration: formatDuration((end.getTime() - start.getTime()) / 60_000),
  };
}

function describeInSessionZone(
  start: Date,
  end: Date,
  locale: string | undefined,
  sessionZone: string,
  viewerZone: string,
) {
  try {
    return sameOffsets(start, end, sessionZone, viewerZone)
      ? null
      : formatSpan(start, end, locale, sessionZone, 'iana');
  } catch {
    // A zone this browser's Intl does not know: name it rather than break the card.
    return `(${sessionZone})`;
  }
}

/** Whether two zones show the same wall-clock times at both instants (Europe/Paris and Europe/Berlin do). */
function sameOffsets(start: Date, end: Date, zoneA: string, zoneB: string): boolean {
  return [start, end].every((instant) => wallClockAt(instant, zoneA) === wallClockAt(instant, zoneB));
}
