import type { CalendarGateway, EventAttendee, EventDetails } from '../../domain/calendar/calendar-gateway.js';
import type { GraphGateway } from './graph-gateway.js';
import { gatewayFor, segment } from './graph-scope.js';
import { writeBatcherFor } from './write-batcher.js';

/** The parts of Graph's `event` Campus reads back. */
interface GraphEvent {
  id: string;
  onlineMeeting?: { joinUrl?: string | null } | null;
}

function toGraphAttendees(attendees: EventAttendee[]): object[] {
  const seen = new Set<string>();
  const unique = attendees.filter((attendee) => {
    const key = attendee.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.map((attendee) => ({
    type: 'required',
    emailAddress: { address: attendee.email, name: attendee.name },
  }));
}

/** Graph's form of the fields a session rewrites on its event. */
function toGraphDetails(details: EventDetails): object {
  return {
    subject: details.subject,
    body: { contentType: 'html', content: details.bodyHtml },
    start: details.start,
    end: details.end,
    location: { displayName: details.location ?? '' },
    isOnlineMeeting: details.online,
    ...(details.online ? { onlineMeetingProvider: 'teamsForBusiness' } : {}),
  };
}

function eventPath(ownerId: string, eventId: string): string {
  return `/users/${segment(ownerId)}/events/${segment(eventId)}`;
}

/**
 * Session events in the presenter's Outlook calendar (Calendars.ReadWrite, application permission).
 * Writes made at the same moment (the outbox delivering several sessions) travel together in $batch calls.
 */
export function createCalendarGateway(gateway: GraphGateway): CalendarGateway {
  const writes = writeBatcherFor(gateway);
  return {
    async createEvent(scope, draft) {
      const graph = gatewayFor(gateway, scope);
      const eventsPath = `/users/${segment(draft.ownerId)}/events`;
      const created = await writes.send<GraphEvent>({
        method: 'POST',
        path: eventsPath,
        body: {
          ...toGraphDetails(draft),
          // Attendees do not propose other times: a session's time is the presenter's to change.
          allowNewTimeProposals: false,
          responseRequested: true,
          // Graph answers a repeated POST with the same transactionId with the event it already made.
          transactionId: draft.transactionId,
        },
      });
      let joinUrl = created.onlineMeeting?.joinUrl ?? null;
      if (draft.online && joinUrl === null) {
        // Exchange can provision the Teams meeting just after answering the POST; read it back once.
        const reread = await graph.get<GraphEvent>(
          `${eventsPath}/${segment(created.id)}?$select=id,onlineMeeting`,
        );
        joinUrl = reread.onlineMeeting?.joinUrl ?? null;
      }
      return { eventId: created.id, joinUrl };
    },

    async replaceAttendees(scope, ownerId, eventId, attendees) {
      gatewayFor(gateway, scope);
      // Only `attendees` in the body: Outlook then sends updates to the attendees that changed, not to all.
      await writes.send({
        method: 'PATCH',
        path: eventPath(ownerId, eventId),
        body: { attendees: toGraphAttendees(attendees) },
      });
    },

    async updateEvent(scope, ownerId, eventId, details, attendees) {
      gatewayFor(gateway, scope);
      const body = { ...toGraphDetails(details), attendees: toGraphAttendees(attendees) };
      await writes.send({ method: 'PATCH', path: eventPath(ownerId, eventId), body });
    },

    async cancelEvent(scope, ownerId, eventId, comment) {
      gatewayFor(gateway, scope);
      // Graph's cancel (organizer only) sends the comment with the cancellation; DELETE would send none.
      await writes.send({ method: 'POST', path: `${eventPath(ownerId, eventId)}/cancel`, body: { comment } });
    },
  };
}
