import type { CalendarEvent, DirectoryUser } from '../state.js';
import { MEGAN_BOWEN_ID, NESTOR_WILKE_ID, PATTI_FERNANDEZ_ID } from './personas.js';
import type { Prng } from './prng.js';

const SUBJECTS = [
  'Weekly team sync', '1:1 with manager', 'Customer call', 'Focus time', 'Quarterly business review', 'Sprint planning',
  'SAP month-end close review', 'Salesforce pipeline review', 'Power BI dashboard walkthrough', 'ServiceNow change advisory board',
  'Workday onboarding session', 'Budget review', 'Interview panel', 'Vendor demo', 'Project steering committee',
];

/** Share of people who get a few seeded busy events; capped so a 100k organization stays light. */
const BUSY_SHARE = 0.2;
const MAX_BUSY_PEOPLE = 2000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A local wall-clock time in Graph's dateTime format (no offset: the time zone travels beside it). */
function localDateTime(day: Date, minutes: number): string {
  return `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00.0000000`;
}

function eventId(prng: Prng): string {
  const raw = Buffer.from(prng.guid().replace(/-/g, '') + prng.guid().replace(/-/g, ''), 'hex').toString('base64url');
  return `AAMkAG${raw}AAA=`;
}

/** Next `count` weekdays after `now` (UTC calendar days; each event is placed in its owner's local time). */
function upcomingWeekdays(now: Date, count: number): Date[] {
  const days: Date[] = [];
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  while (days.length < count) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) days.push(new Date(day));
  }
  return days;
}

/**
 * A few realistic busy events in the coming three weeks for a share of people (always for the organizer,
 * expert and manager personas), between 09:00 and 17:00 in each owner's mailbox time zone.
 */
export function buildBusyEvents(prng: Prng, users: DirectoryUser[], now: Date): CalendarEvent[] {
  const days = upcomingWeekdays(now, 15);
  const personas = new Set([PATTI_FERNANDEZ_ID, NESTOR_WILKE_ID, MEGAN_BOWEN_ID]);
  const owners = users.filter((u) => u.accountEnabled && (personas.has(u.id) || prng.chance(BUSY_SHARE))).slice(0, MAX_BUSY_PEOPLE);
  const created = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const events: CalendarEvent[] = [];
  for (const owner of owners) {
    const count = prng.int(2, 5);
    for (let i = 0; i < count; i++) {
      const day = prng.pick(days);
      const startMinutes = prng.int(18, 32) * 30;
      const duration = prng.pick([30, 60, 60, 90]);
      const subject = prng.pick(SUBJECTS);
      const id = eventId(prng);
      events.push({
        id, ownerId: owner.id, iCalUId: `040000008200E00074C5B7101A82E00800000000${prng.guid().replace(/-/g, '').toUpperCase()}`,
        transactionId: null, createdDateTime: created, lastModifiedDateTime: created, changeKey: Buffer.from(id.slice(-12)).toString('base64'),
        subject, body: { contentType: 'text', content: '' }, bodyPreview: '',
        start: { dateTime: localDateTime(day, startMinutes), timeZone: owner.mailboxTimeZone },
        end: { dateTime: localDateTime(day, Math.min(startMinutes + duration, 18 * 60)), timeZone: owner.mailboxTimeZone },
        location: { displayName: subject === 'Customer call' ? 'Microsoft Teams Meeting' : owner.officeLocation ?? '' },
        attendees: [], organizer: { emailAddress: { address: owner.mail, name: owner.displayName } },
        isOrganizer: true, isCancelled: false, isOnlineMeeting: false, onlineMeetingProvider: 'unknown', onlineMeeting: null,
        showAs: subject === 'Focus time' ? 'tentative' : 'busy', responseRequested: true, allowNewTimeProposals: true, hideAttendees: false,
        webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
        seriesOrganizerEventId: null,
      });
    }
  }
  return events;
}
