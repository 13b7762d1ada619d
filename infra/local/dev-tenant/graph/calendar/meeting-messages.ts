import { randomUUID } from 'node:crypto';
import {
  findUser,
  type CalendarEvent,
  type EventAttendee,
  type SentMessage,
  type TenantState,
} from '../../state.js';
import { listAttendeeCopies, newChangeKey, newEventId, putEvent } from './event-store.js';

/**
 * What Exchange does in attendees' mailboxes when an organizer sends meeting messages: a tenant attendee gets
 * the message and a copy of the meeting on their calendar (tentative until they answer); an external address
 * gets the message only. Every message lands in state.outbox so tests can read it over /_dev/outbox.
 */

type MeetingKind = Exclude<SentMessage['kind'], 'sendMail'>;

/** Lower-cased attendee address: Exchange matches recipients case-insensitively. */
export function attendeeKey(attendee: EventAttendee): string {
  return attendee.emailAddress.address.toLowerCase();
}

/** Outlook's web link for an item id. */
export function webLinkOf(eventId: string): string {
  return `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(eventId)}&exvsurl=1&path=/calendar/item`;
}

function isOrganizerAddress(state: TenantState, organizerEvent: CalendarEvent, address: string): boolean {
  return findUser(state, address)?.id === organizerEvent.ownerId;
}

function appendMessage(
  state: TenantState,
  organizerEvent: CalendarEvent,
  kind: MeetingKind,
  address: string,
  comment: string | null,
): void {
  const cancelled = kind === 'meetingCancellation';
  const body =
    cancelled && comment !== null ? { contentType: 'text', content: comment } : organizerEvent.body;
  state.outbox.push({
    id: randomUUID(),
    kind,
    fromUserId: organizerEvent.ownerId,
    toAddresses: [address],
    subject: cancelled ? `Canceled: ${organizerEvent.subject}` : organizerEvent.subject,
    body,
    eventId: organizerEvent.id,
    sentDateTime: new Date().toISOString(),
    raw: {
      meetingMessageType: cancelled ? 'meetingCancelled' : 'meetingRequest',
      iCalUId: organizerEvent.iCalUId,
      comment,
      start: organizerEvent.start,
      end: organizerEvent.end,
      joinUrl: organizerEvent.onlineMeeting?.joinUrl ?? null,
    },
  });
}

function copyFields(organizerEvent: CalendarEvent): Partial<CalendarEvent> {
  return {
    subject: organizerEvent.subject,
    body: organizerEvent.body,
    bodyPreview: organizerEvent.bodyPreview,
    start: organizerEvent.start,
    end: organizerEvent.end,
    location: organizerEvent.location,
    attendees: organizerEvent.attendees,
    isOnlineMeeting: organizerEvent.isOnlineMeeting,
    onlineMeetingProvider: organizerEvent.onlineMeetingProvider,
    onlineMeeting: organizerEvent.onlineMeeting,
    responseRequested: organizerEvent.responseRequested,
    allowNewTimeProposals: organizerEvent.allowNewTimeProposals,
    hideAttendees: organizerEvent.hideAttendees,
  };
}

/** Places or refreshes the attendee's copy of the meeting in their mailbox. */
function upsertCopy(state: TenantState, organizerEvent: CalendarEvent, attendeeId: string): void {
  const now = new Date().toISOString();
  const existing = listAttendeeCopies(state, organizerEvent.id).find((copy) => copy.ownerId === attendeeId);
  if (existing) {
    // A new time (or a re-invitation) needs a new answer: the copy goes back to tentative and unanswered, as Outlook shows it.
    const moved =
      existing.isCancelled ||
      existing.start.dateTime !== organizerEvent.start.dateTime ||
      existing.end.dateTime !== organizerEvent.end.dateTime ||
      existing.start.timeZone !== organizerEvent.start.timeZone ||
      existing.end.timeZone !== organizerEvent.end.timeZone;
    Object.assign(existing, copyFields(organizerEvent), {
      isCancelled: false,
      changeKey: newChangeKey(),
      lastModifiedDateTime: now,
    });
    if (moved) {
      delete existing.responseStatus;
      existing.showAs = 'tentative';
    }
    return;
  }
  const id = newEventId();
  putEvent(state, {
    ...organizerEvent,
    ...copyFields(organizerEvent),
    id,
    ownerId: attendeeId,
    transactionId: null,
    createdDateTime: now,
    lastModifiedDateTime: now,
    changeKey: newChangeKey(),
    isOrganizer: false,
    isCancelled: false,
    showAs: 'tentative',
    webLink: webLinkOf(id),
    seriesOrganizerEventId: organizerEvent.id,
  });
}

function cancelCopy(state: TenantState, organizerEvent: CalendarEvent, attendeeId: string): void {
  for (const copy of listAttendeeCopies(state, organizerEvent.id)) {
    if (copy.ownerId !== attendeeId) continue;
    Object.assign(copy, {
      isCancelled: true,
      changeKey: newChangeKey(),
      lastModifiedDateTime: new Date().toISOString(),
    });
  }
}

/**
 * Sends one kind of meeting message to the given attendees and updates their copies:
 * meetingRequest and meetingUpdate place or refresh the copy, meetingCancellation marks it cancelled.
 */
export function sendMeetingMessages(
  state: TenantState,
  organizerEvent: CalendarEvent,
  kind: MeetingKind,
  attendees: EventAttendee[],
  comment: string | null = null,
): void {
  for (const attendee of attendees) {
    const address = attendee.emailAddress.address;
    if (isOrganizerAddress(state, organizerEvent, address)) continue;
    appendMessage(state, organizerEvent, kind, address, comment);
    const user = findUser(state, address);
    if (!user) continue;
    if (kind === 'meetingCancellation') cancelCopy(state, organizerEvent, user.id);
    else upsertCopy(state, organizerEvent, user.id);
  }
}
