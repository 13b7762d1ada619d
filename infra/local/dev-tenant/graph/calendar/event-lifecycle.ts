import { randomBytes } from 'node:crypto';
import {
  findUser,
  type CalendarEvent,
  type DirectoryUser,
  type EventAttendee,
  type TenantState,
} from '../../state.js';
import type { EventChanges } from './event-input.js';
import { listByOwner, newChangeKey, newEventId, newICalUId, putEvent, removeEvent } from './event-store.js';
import { attendeeKey, sendMeetingMessages, webLinkOf } from './meeting-messages.js';

/** Create, update, delete and cancel of an event with the meeting messages Exchange sends for each. */

function previewOf(body: CalendarEvent['body']): string {
  const text =
    body.contentType === 'html'
      ? body.content.replace(/<head[\s\S]*?<\/head>/gi, '').replace(/<[^>]+>/g, ' ')
      : body.content;
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255);
}

/** A Teams join URL in the form Teams issues, unique per meeting, naming the tenant and organizer. */
function newJoinUrl(state: TenantState, organizerId: string): string {
  const thread = randomBytes(36).toString('base64url');
  const context = encodeURIComponent(JSON.stringify({ Tid: state.tenantId, Oid: organizerId })).toLowerCase();
  return `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${thread}%40thread.v2/0?context=${context}`;
}

/** Exchange appends the Teams join block to the body of an online meeting; clients keep it on later edits. */
function withJoinBlock(body: CalendarEvent['body'], joinUrl: string): CalendarEvent['body'] {
  if (body.content.includes(joinUrl)) return body;
  if (body.contentType === 'text') {
    return {
      contentType: 'text',
      content: `${body.content}\n\nMicrosoft Teams meeting\nJoin the meeting now: ${joinUrl}\n`,
    };
  }
  const block = `<div>________________________________________________________________________________</div><div><span>Microsoft Teams meeting</span></div><div><a href="${joinUrl}" target="_blank" rel="noreferrer noopener">Join the meeting now</a></div>`;
  const content = /<\/body>/i.test(body.content)
    ? body.content.replace(/<\/body>/i, `${block}</body>`)
    : `${body.content}${block}`;
  return { contentType: 'html', content };
}

/** Attendees as Exchange stores them: a tenant user's display name fills a missing name. */
function resolveNames(state: TenantState, attendees: EventAttendee[]): EventAttendee[] {
  return attendees.map((attendee) => {
    if (attendee.emailAddress.name) return attendee;
    const user = findUser(state, attendee.emailAddress.address);
    return {
      ...attendee,
      emailAddress: {
        address: attendee.emailAddress.address,
        name: user?.displayName ?? attendee.emailAddress.address,
      },
    };
  });
}

function applyOnlineMeeting(state: TenantState, event: CalendarEvent): void {
  if (event.isOnlineMeeting) {
    if (event.onlineMeetingProvider === 'unknown') event.onlineMeetingProvider = 'teamsForBusiness';
    event.onlineMeeting ??= { joinUrl: newJoinUrl(state, event.ownerId) };
    event.body = withJoinBlock(event.body, event.onlineMeeting.joinUrl);
  } else {
    event.onlineMeeting = null;
  }
  event.bodyPreview = previewOf(event.body);
}

/** The organizer's event created earlier with the same transactionId in that mailbox, if any. */
export function findByTransactionId(
  state: TenantState,
  ownerId: string,
  transactionId: string | null | undefined,
): CalendarEvent | undefined {
  if (!transactionId) return undefined;
  return listByOwner(state, ownerId).find((event) => event.transactionId === transactionId);
}

/** Creates the organizer's event and invites its attendees. start and end must be present and valid. */
export function createEvent(
  state: TenantState,
  owner: DirectoryUser,
  changes: EventChanges & Pick<CalendarEvent, 'start' | 'end'>,
): CalendarEvent {
  const now = new Date().toISOString();
  const id = newEventId();
  const event: CalendarEvent = {
    id,
    ownerId: owner.id,
    iCalUId: newICalUId(),
    transactionId: changes.transactionId ?? null,
    createdDateTime: now,
    lastModifiedDateTime: now,
    changeKey: newChangeKey(),
    subject: changes.subject ?? '',
    body: changes.body ?? { contentType: 'html', content: '' },
    bodyPreview: '',
    start: changes.start,
    end: changes.end,
    location: changes.location ?? { displayName: '' },
    attendees: resolveNames(state, changes.attendees ?? []),
    organizer: { emailAddress: { address: owner.mail, name: owner.displayName } },
    isOrganizer: true,
    isCancelled: false,
    isOnlineMeeting: changes.isOnlineMeeting ?? false,
    onlineMeetingProvider: changes.onlineMeetingProvider ?? 'unknown',
    onlineMeeting: null,
    showAs: changes.showAs ?? 'busy',
    responseRequested: changes.responseRequested ?? true,
    allowNewTimeProposals: changes.allowNewTimeProposals ?? true,
    hideAttendees: changes.hideAttendees ?? false,
    webLink: webLinkOf(id),
    seriesOrganizerEventId: null,
  };
  applyOnlineMeeting(state, event);
  putEvent(state, event);
  sendMeetingMessages(state, event, 'meetingRequest', event.attendees);
  return event;
}

/**
 * Applies a PATCH (https://learn.microsoft.com/graph/api/event-update). On the organizer's event, a body with
 * only `attendees` sends messages only to the attendees that changed (added: meetingRequest, removed:
 * meetingCancellation); any other change also sends meetingUpdate to every remaining attendee. The attendee
 * list is replaced whole. On an attendee's copy the change stays in that mailbox.
 */
export function updateEvent(state: TenantState, event: CalendarEvent, changes: EventChanges): CalendarEvent {
  const before = new Map(event.attendees.map((attendee) => [attendeeKey(attendee), attendee]));
  // transactionId only deduplicates creation; a PATCH does not change it.
  const { transactionId: _ignored, ...writable } = changes;
  Object.assign(event, writable);
  // A kept attendee keeps the answer already tracked for them; the list itself is replaced whole.
  if (changes.attendees) {
    event.attendees = resolveNames(state, changes.attendees).map((attendee) => ({
      ...attendee,
      status: before.get(attendeeKey(attendee))?.status ?? attendee.status,
    }));
  }
  applyOnlineMeeting(state, event);
  event.changeKey = newChangeKey();
  event.lastModifiedDateTime = new Date().toISOString();
  if (!event.isOrganizer) return event;

  const after = new Set(event.attendees.map(attendeeKey));
  const added = event.attendees.filter((attendee) => !before.has(attendeeKey(attendee)));
  const removed = [...before.values()].filter((attendee) => !after.has(attendeeKey(attendee)));
  const kept = event.attendees.filter((attendee) => before.has(attendeeKey(attendee)));
  const attendeesOnly = Object.keys(writable).every((key) => key === 'attendees');
  sendMeetingMessages(state, event, 'meetingRequest', added);
  sendMeetingMessages(state, event, 'meetingCancellation', removed);
  if (!attendeesOnly) sendMeetingMessages(state, event, 'meetingUpdate', kept);
  return event;
}

/** DELETE: an organizer's delete cancels the meeting for its attendees; an attendee's delete is local. */
export function deleteEvent(state: TenantState, event: CalendarEvent): void {
  if (event.isOrganizer && !event.isCancelled)
    sendMeetingMessages(state, event, 'meetingCancellation', event.attendees);
  removeEvent(state, event);
}

/** POST /cancel by the organizer: attendees get the cancellation with the comment; the event leaves the calendar. */
export function cancelEvent(state: TenantState, event: CalendarEvent, comment: string | null): void {
  sendMeetingMessages(state, event, 'meetingCancellation', event.attendees, comment);
  removeEvent(state, event);
}
