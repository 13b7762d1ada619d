import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { sendGraphError } from '../../graph-http.js';
import type { TenantState } from '../../state.js';
import { authorizeEvent, authorizeMailbox } from './access.js';
import { checkTimeRange, isInputError, parseEventChanges, type InputError } from './event-input.js';
import { eventJson, eventsContext, parseSelect, preferredTimeZone } from './event-json.js';
import {
  cancelEvent,
  createEvent,
  deleteEvent,
  findByTransactionId,
  updateEvent,
} from './event-lifecycle.js';
import { listByOwner } from './event-store.js';
import { pageOf } from './paging.js';

type UserParams = { userId: string };
type EventParams = { userId: string; eventId: string };
type Query = Record<string, string | undefined>;

function sendInputError(request: FastifyRequest, reply: FastifyReply, error: InputError): FastifyReply {
  return sendGraphError(request, reply, error.statusCode, error.code, error.message);
}

function withPreference(reply: FastifyReply, zone: string | null): void {
  if (zone) reply.header('Preference-Applied', `outlook.timezone="${zone}"`);
}

/** Event CRUD, cancel and list in one mailbox. */
export const eventsRoutes: FastifyPluginAsync<{ state: TenantState }> = async (app, { state }) => {
  // Create event: https://learn.microsoft.com/graph/api/user-post-events
  // (also POST /calendar/events: https://learn.microsoft.com/graph/api/calendar-post-events)
  const create = async (request: FastifyRequest<{ Params: UserParams }>, reply: FastifyReply) => {
    const owner = authorizeMailbox(state, request, reply, request.params.userId, 'writeCalendar');
    if (!owner) return reply;
    const changes = parseEventChanges(request.body);
    if (isInputError(changes)) return sendInputError(request, reply, changes);
    const { start, end } = changes;
    if (!start || !end) {
      return sendInputError(request, reply, {
        statusCode: 400,
        code: 'ErrorInvalidRequest',
        message: "The event must have a 'start' and an 'end'.",
      });
    }
    const rangeError = checkTimeRange(start, end);
    if (rangeError) return sendInputError(request, reply, rangeError);
    // transactionId: "a custom identifier specified by a client app for the server to avoid redundant POST
    // operations in case of client retries" (event resource) — a retry gets the first event back.
    const event =
      findByTransactionId(state, owner.id, changes.transactionId) ??
      createEvent(state, owner, { ...changes, start, end });
    const zone = preferredTimeZone(request);
    withPreference(reply, zone);
    return reply.code(201).send({
      '@odata.context': eventsContext(owner.id, null, true),
      ...eventJson(event, zone ?? start.timeZone, null),
    });
  };
  app.post<{ Params: UserParams }>('/users/:userId/events', create);
  app.post<{ Params: UserParams }>('/users/:userId/calendar/events', create);

  // List events: https://learn.microsoft.com/graph/api/user-list-events (start/end in UTC unless Prefer says otherwise)
  const list = async (
    request: FastifyRequest<{ Params: UserParams; Querystring: Query }>,
    reply: FastifyReply,
  ) => {
    const owner = authorizeMailbox(state, request, reply, request.params.userId, 'readCalendar');
    if (!owner) return reply;
    const select = parseSelect(request.query);
    const zone = preferredTimeZone(request);
    withPreference(reply, zone);
    const events = listByOwner(state, owner.id).sort((a, b) =>
      a.createdDateTime.localeCompare(b.createdDateTime),
    );
    const page = pageOf(request, events);
    return reply.send({
      '@odata.context': eventsContext(owner.id, select, false),
      value: page.items.map((event) => eventJson(event, zone ?? 'UTC', select)),
      ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
    });
  };
  app.get<{ Params: UserParams; Querystring: Query }>('/users/:userId/events', list);
  app.get<{ Params: UserParams; Querystring: Query }>('/users/:userId/calendar/events', list);

  // Get event: https://learn.microsoft.com/graph/api/event-get
  const get = async (
    request: FastifyRequest<{ Params: EventParams; Querystring: Query }>,
    reply: FastifyReply,
  ) => {
    const found = authorizeEvent(state, request, reply, 'readCalendar');
    if (!found) return reply;
    const { owner, event } = found;
    const select = parseSelect(request.query);
    const zone = preferredTimeZone(request);
    withPreference(reply, zone);
    return reply.send({
      '@odata.context': eventsContext(owner.id, select, true),
      ...eventJson(event, zone ?? 'UTC', select),
    });
  };
  app.get<{ Params: EventParams; Querystring: Query }>('/users/:userId/events/:eventId', get);
  app.get<{ Params: EventParams; Querystring: Query }>('/users/:userId/calendar/events/:eventId', get);

  // Update event: https://learn.microsoft.com/graph/api/event-update
  const update = async (request: FastifyRequest<{ Params: EventParams }>, reply: FastifyReply) => {
    const found = authorizeEvent(state, request, reply, 'writeCalendar');
    if (!found) return reply;
    const { owner, event } = found;
    const changes = parseEventChanges(request.body);
    if (isInputError(changes)) return sendInputError(request, reply, changes);
    const rangeError = checkTimeRange(changes.start ?? event.start, changes.end ?? event.end);
    if (rangeError) return sendInputError(request, reply, rangeError);
    const updated = updateEvent(state, event, changes);
    const zone = preferredTimeZone(request);
    withPreference(reply, zone);
    return reply.send({
      '@odata.context': eventsContext(owner.id, null, true),
      ...eventJson(updated, zone ?? updated.start.timeZone, null),
    });
  };
  app.patch<{ Params: EventParams }>('/users/:userId/events/:eventId', update);
  app.patch<{ Params: EventParams }>('/users/:userId/calendar/events/:eventId', update);

  // Delete event: https://learn.microsoft.com/graph/api/event-delete
  const remove = async (request: FastifyRequest<{ Params: EventParams }>, reply: FastifyReply) => {
    const found = authorizeEvent(state, request, reply, 'writeCalendar');
    if (!found) return reply;
    const { event } = found;
    deleteEvent(state, event);
    return reply.code(204).send();
  };
  app.delete<{ Params: EventParams }>('/users/:userId/events/:eventId', remove);
  app.delete<{ Params: EventParams }>('/users/:userId/calendar/events/:eventId', remove);

  // Cancel event: https://learn.microsoft.com/graph/api/event-cancel (organizer only)
  app.post<{ Params: EventParams }>('/users/:userId/events/:eventId/cancel', async (request, reply) => {
    const found = authorizeEvent(state, request, reply, 'writeCalendar');
    if (!found) return reply;
    const { event } = found;
    if (!event.isOrganizer) {
      return sendGraphError(
        request,
        reply,
        400,
        'ErrorAccessDenied',
        "Your request can't be completed. You need to be an organizer to cancel a meeting.",
      );
    }
    const body = request.body as { comment?: unknown } | undefined;
    const comment = typeof body?.comment === 'string' ? body.comment : null;
    cancelEvent(state, event, comment);
    return reply.code(202).send();
  });
};
