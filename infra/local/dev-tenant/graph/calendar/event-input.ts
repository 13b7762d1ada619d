import type { CalendarEvent, DateTimeTimeZone, EventAttendee } from '../../state.js';
import { isLocalDateTime, normalizeDateTime, resolveTimeZone, toInstantMs } from './time-zones.js';

/** A rejected request body, in the terms of Graph's error body. */
export interface InputError {
  statusCode: number;
  code: string;
  message: string;
}

/** The writable event properties a POST or PATCH body carried, already validated. */
export type EventChanges = Partial<
  Pick<
    CalendarEvent,
    | 'subject'
    | 'body'
    | 'start'
    | 'end'
    | 'location'
    | 'attendees'
    | 'isOnlineMeeting'
    | 'onlineMeetingProvider'
    | 'allowNewTimeProposals'
    | 'responseRequested'
    | 'transactionId'
    | 'showAs'
    | 'hideAttendees'
  >
>;

const PROVIDERS = ['unknown', 'teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer'] as const;
const SHOW_AS = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'] as const;
const ATTENDEE_TYPES = ['required', 'optional', 'resource'] as const;
/** Graph's time for an answer not given yet. */
export const NO_TIME = '0001-01-01T00:00:00Z';

function invalid(message: string): InputError {
  return { statusCode: 400, code: 'ErrorInvalidRequest', message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseDateTimeTimeZone(name: string, value: unknown): DateTimeTimeZone | InputError {
  if (!isRecord(value) || typeof value.dateTime !== 'string' || !isLocalDateTime(value.dateTime)) {
    return invalid(
      `The '${name}' property must be a dateTimeTimeZone with a local dateTime such as 2019-03-15T12:00:00.`,
    );
  }
  const timeZone = typeof value.timeZone === 'string' ? value.timeZone : '';
  if (!resolveTimeZone(timeZone)) {
    return {
      statusCode: 400,
      code: 'TimeZoneNotSupportedException',
      message: `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${timeZone}'.`,
    };
  }
  return { dateTime: normalizeDateTime(value.dateTime), timeZone };
}

function parseAttendees(value: unknown): EventAttendee[] | InputError {
  if (!Array.isArray(value)) return invalid("The 'attendees' property must be a collection of attendee.");
  const attendees: EventAttendee[] = [];
  for (const item of value) {
    const address = isRecord(item) && isRecord(item.emailAddress) ? item.emailAddress.address : undefined;
    if (typeof address !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(address)) {
      return {
        statusCode: 400,
        code: 'ErrorInvalidRecipients',
        message: `The attendee address '${String(address)}' isn't valid.`,
      };
    }
    const type = isRecord(item) && typeof item.type === 'string' ? item.type.toLowerCase() : 'required';
    const known = ATTENDEE_TYPES.find((candidate) => candidate === type);
    if (!known) return invalid(`The attendee type '${type}' isn't valid.`);
    const emailAddress = isRecord(item) && isRecord(item.emailAddress) ? item.emailAddress : {};
    const name = typeof emailAddress.name === 'string' ? emailAddress.name : undefined;
    attendees.push({
      type: known,
      emailAddress: name === undefined ? { address } : { name, address },
      status: { response: 'none', time: NO_TIME },
    });
  }
  return attendees;
}

function isInputError(value: unknown): value is InputError {
  return isRecord(value) && typeof value.code === 'string' && typeof value.statusCode === 'number';
}

/** Validates the writable properties of an event body (event resource, user-post-events and event-update). */
export function parseEventChanges(body: unknown): EventChanges | InputError {
  if (!isRecord(body)) return invalid('Empty Payload. JSON content expected.');
  const changes: EventChanges = {};
  for (const key of ['subject', 'transactionId'] as const) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== 'string' && body[key] !== null)
      return invalid(`The '${key}' property must be a string.`);
    if (key === 'subject') changes.subject = (body.subject as string | null) ?? '';
    else changes.transactionId = (body.transactionId as string | null) ?? null;
  }
  if (body.body !== undefined) {
    const contentType =
      isRecord(body.body) && typeof body.body.contentType === 'string'
        ? body.body.contentType.toLowerCase()
        : 'text';
    const content = isRecord(body.body) && typeof body.body.content === 'string' ? body.body.content : null;
    if (content === null || (contentType !== 'text' && contentType !== 'html')) {
      return invalid(
        "The 'body' property must be an itemBody with contentType 'text' or 'html' and a content.",
      );
    }
    changes.body = { contentType, content };
  }
  for (const key of ['start', 'end'] as const) {
    if (body[key] === undefined) continue;
    const parsed = parseDateTimeTimeZone(key, body[key]);
    if (isInputError(parsed)) return parsed;
    changes[key] = parsed;
  }
  if (body.location !== undefined) {
    const displayName =
      isRecord(body.location) && typeof body.location.displayName === 'string'
        ? body.location.displayName
        : '';
    changes.location = { displayName };
  }
  if (body.attendees !== undefined) {
    const attendees = parseAttendees(body.attendees);
    if (isInputError(attendees)) return attendees;
    changes.attendees = attendees;
  }
  for (const key of [
    'isOnlineMeeting',
    'allowNewTimeProposals',
    'responseRequested',
    'hideAttendees',
  ] as const) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== 'boolean') return invalid(`The '${key}' property must be a boolean.`);
    changes[key] = body[key];
  }
  if (body.onlineMeetingProvider !== undefined) {
    const provider = PROVIDERS.find((candidate) => candidate === body.onlineMeetingProvider);
    if (!provider)
      return invalid(`The onlineMeetingProvider '${String(body.onlineMeetingProvider)}' isn't valid.`);
    changes.onlineMeetingProvider = provider;
  }
  if (body.showAs !== undefined) {
    const showAs = SHOW_AS.find((candidate) => candidate === body.showAs);
    if (!showAs) return invalid(`The showAs value '${String(body.showAs)}' isn't valid.`);
    changes.showAs = showAs;
  }
  return changes;
}

/** Rejects an event whose end is not after its start (Exchange's ErrorCalendarEndDateIsEarlierThanStartDate). */
export function checkTimeRange(start: DateTimeTimeZone, end: DateTimeTimeZone): InputError | null {
  const from = toInstantMs(start.dateTime, start.timeZone) ?? 0;
  const to = toInstantMs(end.dateTime, end.timeZone) ?? 0;
  if (to < from) {
    return {
      statusCode: 400,
      code: 'ErrorCalendarEndDateIsEarlierThanStartDate',
      message: 'The end date occurs before the start date.',
    };
  }
  return null;
}

export { isInputError };
