/**
 * Time zones as Outlook accepts them in dateTimeTimeZone
 * (https://learn.microsoft.com/graph/api/resources/datetimetimezone): Windows names such as
 * 'Pacific Standard Time' and the additional IANA names. Windows names are mapped to IANA so Intl can convert.
 */
const WINDOWS_TO_IANA: Record<string, string> = {
  UTC: 'UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'GTB Standard Time': 'Europe/Bucharest',
  'Russian Standard Time': 'Europe/Moscow',
  'Turkey Standard Time': 'Europe/Istanbul',
  'Israel Standard Time': 'Asia/Jerusalem',
  'South Africa Standard Time': 'Africa/Johannesburg',
  'Egypt Standard Time': 'Africa/Cairo',
  'Arabian Standard Time': 'Asia/Dubai',
  'Arab Standard Time': 'Asia/Riyadh',
  'Iran Standard Time': 'Asia/Tehran',
  'Pakistan Standard Time': 'Asia/Karachi',
  'India Standard Time': 'Asia/Kolkata',
  'Nepal Standard Time': 'Asia/Kathmandu',
  'Bangladesh Standard Time': 'Asia/Dhaka',
  'SE Asia Standard Time': 'Asia/Bangkok',
  'China Standard Time': 'Asia/Shanghai',
  'Singapore Standard Time': 'Asia/Singapore',
  'Taipei Standard Time': 'Asia/Taipei',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Korea Standard Time': 'Asia/Seoul',
  'W. Australia Standard Time': 'Australia/Perth',
  'Cen. Australia Standard Time': 'Australia/Adelaide',
  'AUS Central Standard Time': 'Australia/Darwin',
  'E. Australia Standard Time': 'Australia/Brisbane',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'New Zealand Standard Time': 'Pacific/Auckland',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'Alaskan Standard Time': 'America/Anchorage',
  'Pacific Standard Time': 'America/Los_Angeles',
  'US Mountain Standard Time': 'America/Phoenix',
  'Mountain Standard Time': 'America/Denver',
  'Central Standard Time': 'America/Chicago',
  'Central America Standard Time': 'America/Guatemala',
  'Canada Central Standard Time': 'America/Regina',
  'Central Standard Time (Mexico)': 'America/Mexico_City',
  'Eastern Standard Time': 'America/New_York',
  'US Eastern Standard Time': 'America/Indianapolis',
  'SA Pacific Standard Time': 'America/Bogota',
  'Atlantic Standard Time': 'America/Halifax',
  'Newfoundland Standard Time': 'America/St_Johns',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'Argentina Standard Time': 'America/Buenos_Aires',
  'Pacific SA Standard Time': 'America/Santiago',
};

const IANA_TO_WINDOWS = new Map(Object.entries(WINDOWS_TO_IANA).map(([windows, iana]) => [iana, windows]));

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;

/** The IANA zone Intl understands for a Windows or IANA name, or null when Outlook would reject the name. */
export function resolveTimeZone(name: string): string | null {
  const windows = WINDOWS_TO_IANA[name];
  if (windows) return windows;
  // Windows names are matched case-sensitively by the table; IANA names go through Intl, which knows them all.
  if (!/^[A-Za-z]+(?:[/_+-][A-Za-z0-9_+-]+)*$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The Windows name of an IANA zone when the table knows it (getSchedule's workingHours speak Windows). */
export function windowsNameOf(name: string): string {
  return IANA_TO_WINDOWS.get(name) ?? name;
}

function zoneOffsetMs(instantMs: number, ianaZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: ianaZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return wall - Math.floor(instantMs / 1000) * 1000;
}

/** Parses Graph's local dateTime ('2019-03-15T12:00:00.0000000', seconds and fraction optional) to wall-clock ms. */
function parseWallClock(dateTime: string): number | null {
  const match = LOCAL_DATE_TIME.exec(dateTime.replace(/Z$/, ''));
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const fraction = Number(`0.${match[7] ?? '0'}`);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second) + Math.round(fraction * 1000);
  const check = new Date(wall);
  if (
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  return wall;
}

/** True when the text is a local date-time Graph accepts in dateTimeTimeZone.dateTime. */
export function isLocalDateTime(dateTime: string): boolean {
  return parseWallClock(dateTime) !== null;
}

/** The UTC instant (ms) of a wall-clock time in a Windows or IANA zone, or null when either is invalid. */
export function toInstantMs(dateTime: string, timeZone: string): number | null {
  const wall = parseWallClock(dateTime);
  const zone = resolveTimeZone(timeZone);
  if (wall === null || zone === null) return null;
  const first = wall - zoneOffsetMs(wall, zone);
  const second = wall - zoneOffsetMs(first, zone);
  // In a daylight-saving gap the two guesses differ; the later one is the instant just after the gap.
  return Math.max(first, second);
}

/** Graph's seven-digit fraction format for an instant shown in a zone: '2019-03-15T12:00:00.0000000'. */
export function formatInZone(instantMs: number, timeZone: string): string {
  const zone = resolveTimeZone(timeZone) ?? 'UTC';
  const wall = new Date(instantMs + zoneOffsetMs(instantMs, zone));
  const ms = String(wall.getUTCMilliseconds()).padStart(3, '0');
  return `${wall.toISOString().slice(0, 19)}.${ms}0000`;
}

/** Normalizes a sent dateTime to Graph's stored form, keeping the wall-clock value as sent. */
export function normalizeDateTime(dateTime: string): string {
  const wall = parseWallClock(dateTime);
  return wall === null ? dateTime : formatInZone(wall, 'UTC');
}
