import type { FastifyRequest } from 'fastify';
import type { CalendarEvent, DateTimeTimeZone } from '../../state.js';
import { NO_TIME } from './event-input.js';
import { formatInZone, resolveTimeZone, toInstantMs } from './time-zones.js';

/** The zone named by `Prefer: outlook.timezone="..."` when Outlook knows it, else null. */
export function preferredTimeZone(request: FastifyRequest): string | null {
  const prefer = request.headers.prefer;
  const text = Array.isArray(prefer) ? prefer.join(',') : (prefer ?? '');
  const match = /outlook\.timezone\s*=\s*"([^"]+)"/i.exec(text);
  const zone = match?.[1];
  return zone && resolveTimeZone(zone) ? zone : null;
}

/** Shows a stored dateTimeTimeZone in another zone (the instant is the same). */
export function inZone(value: DateTimeTimeZone, timeZone: string): DateTimeTimeZone {
  if (value.timeZone === timeZone) return value;
  const instant = toInstantMs(value.dateTime, value.timeZone);
  return instant === null ? value : { dateTime: formatInZone(instant, timeZone), timeZone };
}

function locationJson(displayName: string): Record<string, unknown> {
  return displayName
    ? { displayName, locationType: 'default', uniqueId: displayName, uniqueIdType: 'private' }
    : { displayName: '', locationType: 'default', uniqueIdType: 'unknown', address: {}, coordinates: {} };
}

/**
 * The event resource (https://learn.microsoft.com/graph/api/resources/event) as Graph returns it, with start and
 * end shown in `timeZone` and, when `select` is given, only those properties (id and @odata.etag always).
 */
export function eventJson(
  event: CalendarEvent,
  timeZone: string,
  select: string[] | null,
): Record<string, unknown> {
  const full: Record<string, unknown> = {
    '@odata.etag': `W/"${event.changeKey}"`,
    id: event.id,
    createdDateTime: event.createdDateTime,
    lastModifiedDateTime: event.lastModifiedDateTime,
    changeKey: event.changeKey,
    categories: [],
    transactionId: event.transactionId,
    originalStartTimeZone: event.start.timeZone,
    originalEndTimeZone: event.end.timeZone,
    iCalUId: event.iCalUId,
    uid: event.iCalUId,
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
    hasAttachments: false,
    subject: event.subject,
    bodyPreview: event.bodyPreview,
    importance: 'normal',
    sensitivity: 'normal',
    isAllDay: false,
    isCancelled: event.isCancelled,
    isOrganizer: event.isOrganizer,
    responseRequested: event.responseRequested,
    seriesMasterId: null,
    showAs: event.showAs,
    type: 'singleInstance',
    webLink: event.webLink,
    onlineMeetingUrl: null,
    isOnlineMeeting: event.isOnlineMeeting,
    onlineMeetingProvider: event.onlineMeetingProvider,
    allowNewTimeProposals: event.allowNewTimeProposals,
    occurrenceId: null,
    isDraft: false,
    hideAttendees: event.hideAttendees,
    responseStatus: event.responseStatus ?? {
      response: event.isOrganizer ? 'organizer' : 'notResponded',
      time: NO_TIME,
    },
    body: event.body,
    start: inZone(event.start, timeZone),
    end: inZone(event.end, timeZone),
    location: locationJson(event.location.displayName),
    locations: event.location.displayName ? [locationJson(event.location.displayName)] : [],
    recurrence: null,
    attendees: event.attendees,
    organizer: event.organizer,
    onlineMeeting: event.onlineMeeting,
  };
  if (!select) return full;
  const picked: Record<string, unknown> = { '@odata.etag': full['@odata.etag'], id: event.id };
  for (const name of select) {
    if (name in full) picked[name] = full[name];
  }
  return picked;
}

/** Parses `$select=a,b` (Graph v1.0 also takes `select` without the $) into property names, or null when absent. */
export function parseSelect(query: Record<string, string | undefined>): string[] | null {
  const select = query.$select ?? query.select;
  if (!select) return null;
  return select
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

/** The @odata.context of an event collection or entity in a mailbox, with the $select list as Graph writes it. */
export function eventsContext(userId: string, select: string[] | null, entity: boolean): string {
  const projection = select ? `(${select.join(',')})` : '';
  return `https://graph.microsoft.com/v1.0/$metadata#users('${userId}')/events${projection}${entity ? '/$entity' : ''}`;
}
