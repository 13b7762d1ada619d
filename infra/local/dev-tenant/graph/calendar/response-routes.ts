import type { FastifyPluginAsync } from 'fastify';
import { sendGraphError } from '../../graph-http.js';
import type { CalendarEvent, EventAttendee, TenantState } from '../../state.js';
import { authorizeEvent } from './access.js';
import { newChangeKey, removeEvent } from './event-store.js';

type Answer = 'accept' | 'tentativelyAccept' | 'decline';

const RESPONSE: Record<Answer, EventAttendee['status']['response']> = {
  accept: 'accepted',
  tentativelyAccept: 'tentativelyAccepted',
  decline: 'declined',
};
// Exchange's codes for answering one's own meeting or a cancelled one.
const ORGANIZER_CODE: Record<Answer, string> = {
  accept: 'ErrorCalendarIsOrganizerForAccept',
  tentativelyAccept: 'ErrorCalendarIsOrganizerForTentative',
  decline: 'ErrorCalendarIsOrganizerForDecline',
};
const CANCELLED_CODE: Record<Answer, string> = {
  accept: 'ErrorCalendarIsCancelledForAccept',
  tentativelyAccept: 'ErrorCalendarIsCancelledForTentative',
  decline: 'ErrorCalendarIsCancelledForDecline',
};

/** Records the answer on the organizer's attendee list, as the response message does when it arrives. */
function trackResponse(
  state: TenantState,
  copy: CalendarEvent,
  ownerAddresses: string[],
  status: EventAttendee['status'],
): void {
  const organizerEvent = copy.seriesOrganizerEventId
    ? state.events.get(copy.seriesOrganizerEventId)
    : undefined;
  if (!organizerEvent) return;
  for (const attendee of organizerEvent.attendees) {
    if (ownerAddresses.includes(attendee.emailAddress.address.toLowerCase())) attendee.status = status;
  }
}

/**
 * An attendee answers a meeting request: https://learn.microsoft.com/graph/api/event-accept,
 * https://learn.microsoft.com/graph/api/event-tentativelyaccept, https://learn.microsoft.com/graph/api/event-decline.
 * Accepting shows the time as busy; declining removes the meeting from the attendee's calendar. With sendResponse
 * false the organizer is not told.
 */
export const responseRoutes: FastifyPluginAsync<{ state: TenantState }> = async (app, { state }) => {
  for (const answer of Object.keys(RESPONSE) as Answer[]) {
    app.post<{ Params: { userId: string; eventId: string } }>(
      `/users/:userId/events/:eventId/${answer}`,
      async (request, reply) => {
        const found = authorizeEvent(state, request, reply, 'writeCalendar');
        if (!found) return reply;
        const { owner, event: copy } = found;
        if (copy.isOrganizer)
          return sendGraphError(
            request,
            reply,
            400,
            ORGANIZER_CODE[answer],
            "You can't respond to a meeting you organized.",
          );
        if (copy.isCancelled)
          return sendGraphError(
            request,
            reply,
            400,
            CANCELLED_CODE[answer],
            "You can't respond to a meeting that has been canceled.",
          );
        const body = (request.body ?? {}) as { sendResponse?: unknown };
        const status = {
          response: RESPONSE[answer],
          time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        };
        if (body.sendResponse !== false) {
          trackResponse(
            state,
            copy,
            [owner.mail.toLowerCase(), owner.userPrincipalName.toLowerCase()],
            status,
          );
        }
        if (answer === 'decline') {
          removeEvent(state, copy);
        } else {
          Object.assign(copy, {
            responseStatus: status,
            showAs: answer === 'accept' ? 'busy' : 'tentative',
            changeKey: newChangeKey(),
            lastModifiedDateTime: new Date().toISOString(),
          });
        }
        return reply.code(202).send();
      },
    );
  }
};
