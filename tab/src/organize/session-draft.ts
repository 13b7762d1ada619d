/**
 * The create-session form's state and rules. The checks mirror the API's so most mistakes are named before
 * sending; the API stays the judge, and its refusals land on the same fields through fieldForPointer.
 */
import type { CreateSessionRequest, Person } from '../api-types.js';
import {
  addMinutes,
  isKnownTimeZone,
  isWallClock,
  minutesBetween,
  wallClockAt,
} from '../format/wall-clock.js';

/** What the organizer has typed so far; times are wall-clock (YYYY-MM-DDTHH:mm) in `timeZone`. */
export interface SessionDraft {
  title: string;
  abstract: string;
  presenter: Pick<Person, 'id' | 'displayName'> | null;
  start: string;
  end: string;
  timeZone: string;
  capacity: string;
  online: boolean;
  location: string;
}

/** The form's fields, named as the API's body names them. */
export type DraftField =
  'title' | 'abstract' | 'presenterId' | 'start' | 'end' | 'timeZone' | 'capacity' | 'location';
export type DraftErrors = Partial<Record<DraftField, string>>;

/** Fields in the order the form shows them, so the first error can take the focus. */
export const draftFields: readonly DraftField[] = [
  'title',
  'abstract',
  'presenterId',
  'start',
  'end',
  'timeZone',
  'capacity',
  'location',
];

export const limits = {
  titleMin: 3,
  titleMax: 200,
  abstractMax: 4000,
  capacityMax: 10_000,
  locationMax: 200,
  hoursMax: 12,
};

/** A fresh draft: tomorrow 10:00–11:00 in `timeZone`, online, 20 seats. */
export function createDraft(timeZone: string, now: Date): SessionDraft {
  const tomorrow = wallClockAt(new Date(now.getTime() + 24 * 3_600_000), timeZone).slice(0, 10);
  return {
    title: '',
    abstract: '',
    presenter: null,
    start: `${tomorrow}T10:00`,
    end: `${tomorrow}T11:00`,
    timeZone,
    capacity: '20',
    online: true,
    location: '',
  };
}

/** Moves the start; an end that would no longer follow it moves along, one hour later. */
export function withStart(draft: SessionDraft, start: string): SessionDraft {
  const gap = minutesBetween(start, draft.end);
  return gap !== null && gap > 0
    ? { ...draft, start }
    : { ...draft, start, end: addMinutes(start, 60) ?? draft.end };
}

/** The problems in a draft, by field; empty when it can be sent. */
export function validateDraft(draft: SessionDraft, now: Date): DraftErrors {
  const errors: DraftErrors = {};
  const title = draft.title.trim();
  if (title.length < limits.titleMin)
    errors.title = `Give the session a title of at least ${limits.titleMin} characters.`;
  else if (title.length > limits.titleMax)
    errors.title = `Keep the title under ${limits.titleMax} characters.`;
  if (!draft.abstract.trim()) errors.abstract = 'Say in a few lines what people will learn.';
  else if (draft.abstract.length > limits.abstractMax)
    errors.abstract = `Keep the abstract under ${limits.abstractMax} characters.`;
  if (!draft.presenter) errors.presenterId = 'Choose who presents the session.';

  const zoneKnown = isKnownTimeZone(draft.timeZone);
  if (!zoneKnown) errors.timeZone = 'Choose a time zone from the list.';
  if (!isWallClock(draft.start)) errors.start = 'Enter the date and time the session starts.';
  else if (zoneKnown && (minutesBetween(wallClockAt(now, draft.timeZone), draft.start) ?? 0) <= 0) {
    errors.start = 'The session must start in the future.';
  }
  const length = minutesBetween(draft.start, draft.end);
  if (!isWallClock(draft.end)) errors.end = 'Enter the date and time the session ends.';
  else if (length !== null && length <= 0) errors.end = 'The session must end after it starts.';
  else if (length !== null && length > limits.hoursMax * 60)
    errors.end = `A session lasts at most ${limits.hoursMax} hours.`;

  const capacity = Number(draft.capacity);
  if (!/^\d+$/.test(draft.capacity.trim()) || capacity < 1 || capacity > limits.capacityMax) {
    errors.capacity = `Enter a whole number of seats from 1 to ${limits.capacityMax}.`;
  }
  if (!draft.online && !draft.location.trim())
    errors.location = 'Say where an in-person session takes place.';
  else if (draft.location.length > limits.locationMax)
    errors.location = `Keep the location under ${limits.locationMax} characters.`;
  return errors;
}

/** The POST /api/sessions body for a valid draft. */
export function toCreateSessionRequest(draft: SessionDraft): CreateSessionRequest {
  const location = draft.location.trim();
  return {
    title: draft.title.trim(),
    abstract: draft.abstract.trim(),
    presenterId: draft.presenter?.id ?? '',
    // Some browsers add seconds to datetime-local values; the API takes exactly YYYY-MM-DDTHH:mm:ss.
    start: { dateTime: `${draft.start.slice(0, 16)}:00`, timeZone: draft.timeZone },
    end: { dateTime: `${draft.end.slice(0, 16)}:00`, timeZone: draft.timeZone },
    capacity: Number(draft.capacity),
    online: draft.online,
    location: location || null,
  };
}

/** The form field an API error's JSON pointer (details.field) refers to, e.g. /start/timeZone → timeZone. */
export function fieldForPointer(pointer: string | undefined): DraftField | null {
  const [first, second] = (pointer ?? '').split('/').slice(1);
  if ((first === 'start' || first === 'end') && second === 'timeZone') return 'timeZone';
  return draftFields.find((field) => field === first) ?? null;
}
