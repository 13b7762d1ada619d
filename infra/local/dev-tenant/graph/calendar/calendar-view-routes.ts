import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { sendGraphError } from '../../graph-http.js';
import type { CalendarEvent, TenantState } from '../../state.js';
import { authorizeMailbox } from './access.js';
import { eventJson, parseSelect, preferredTimeZone } from './event-json.js';
import { listByOwner } from './event-store.js';
import { pageOf } from './paging.js';
import { toInstantMs } from './time-zones.js';

type Query = Record<string, string | undefined>;

/** Query names are case-insensitive in Graph (the docs write both startDateTime and startdatetime). */
function queryValue(query: Query, name: string): string | undefined {
  const key = Object.keys(query).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : query[key];
}

/** ISO 8601 with or without offset; without one the time is UTC, as calendarView documents. */
export function parseInstant(text: string | undefined): number | null {
  if (!text) return null;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/.exec(
    text.trim(),
  );
  if (!match) return null;
  const fraction = match[2] ? `.${match[2].slice(0, 3).padEnd(3, '0')}` : '';
  const parsed = Date.parse(`${match[1]}${fraction}${match[3] ?? 'Z'}`);
  return Number.isNaN(parsed) ? null : parsed;
}

/** The instants an event occupies (start inclusive, end exclusive). */
export function spanOf(event: CalendarEvent): { start: number; end: number } {
  return {
    start: toInstantMs(event.start.dateTime, event.start.timeZone) ?? 0,
    end: toInstantMs(event.end.dateTime, event.end.timeZone) ?? 0,
  };
}

/** List calendarView: https://learn.microsoft.com/graph/api/user-list-calendarview */
export const calendarViewRoutes: FastifyPluginAsync<{ state: TenantState }> = async (app, { state }) => {
  const view = async (
    request: FastifyRequest<{ Params: { userId: string }; Querystring: Query }>,
    reply: FastifyReply,
  ) => {
    const owner = authorizeMailbox(state, request, reply, request.params.userId, 'readCalendar');
    if (!owner) return reply;
    const from = parseInstant(queryValue(request.query, 'startDateTime'));
    const to = parseInstant(queryValue(request.query, 'endDateTime'));
    if (from === null || to === null) {
      return sendGraphError(
        request,
        reply,
        400,
        'ErrorInvalidParameters',
        'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
      );
    }
    const select = parseSelect(request.query);
    const zone = preferredTimeZone(request);
    if (zone) reply.header('Preference-Applied', `outlook.timezone="${zone}"`);
    const inWindow = listByOwner(state, owner.id)
      .map((event) => ({ event, span: spanOf(event) }))
      .filter(
        ({ span }) => span.start < to && (span.end > from || (span.start === span.end && span.start >= from)),
      )
      .sort((a, b) => a.span.start - b.span.start)
      .map(({ event }) => event);
    const page = pageOf(request, inWindow);
    const projection = select ? `(${select.join(',')})` : '';
    return reply.send({
      '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users('${owner.id}')/calendarView${projection}`,
      value: page.items.map((event) => eventJson(event, zone ?? 'UTC', select)),
      ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
    });
  };
  app.get('/users/:userId/calendarView', view);
  app.get('/users/:userId/calendar/calendarView', view);
};
