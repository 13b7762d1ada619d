import type { CalendarGateway, EventAttendee } from '../../domain/calendar/calendar-gateway.js';
import type { GraphGateway } from './graph-gateway.js';
import { gatewayFor, segment } from './graph-scope.js';

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

/** Session events in the presenter's Outlook calendar (Calendars.ReadWrite, application permission). */
export function createCalendarGateway(gateway: GraphGateway): CalendarGateway {
  return {
    async createEvent(scope, draft) {
      const graph = gatewayFor(gateway, scope);
      const eventsPath = `/users/${segment(draft.ownerId)}/events`;
      const created = await graph.post<GraphEvent>(eventsPath, {
        subject: draft.subject,
        body: { contentType: 'html', content: draft.bodyHtml },
        start: draft.start,
        end: draft.end,
        ...(draft.location === null ? {} : { location: { displayName: draft.location } }),
        isOnlineMeeting: draft.online,
        ...(draft.online ? { onlineMeetingProvider: 'teamsForBusiness' } : {}),
        // Attendees do not propose other times: a session's time is the presenter's to change.
        allowNewTimeProposals: false,
        responseRequested: true,
        // Graph answers a repeated POST with the same transactionId with the event it already made.
        transactionId: draft.transactionId,
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
      const graph = gatewayFor(gateway, scope);
      // Only `attendees` in the body: Outlook then sends updates to the attendees that changed, not to all.
      await graph.patch(`/users/${segment(ownerId)}/events/${segment(eventId)}`, {
        attendees: toGraphAttendees(attendees),
      });
    },
  };
}
