import type { FastifyPluginAsync } from 'fastify';
import { sendGraphError } from '../../graph-http.js';
import { findUser, type CalendarEvent, type DateTimeTimeZone, type TenantState } from '../../state.js';
import { authorizeMailbox, canSeeDetails } from './access.js';
import { spanOf } from './calendar-view-routes.js';
import { inZone } from './event-json.js';
import { listByOwner } from './event-store.js';
import { resolveTimeZone, toInstantMs, windowsNameOf } from './time-zones.js';

/** availabilityView digits (https://learn.microsoft.com/graph/api/calendar-getschedule). */
const DIGIT: Record<CalendarEvent['showAs'], string> = {
  free: '0',
  tentative: '1',
  busy: '2',
  oof: '3',
  workingElsewhere: '4',
  unknown: '0',
};
/** When items overlap in one interval the strongest wins: away, then busy, tentative, elsewhere. */
const STRENGTH: Record<CalendarEvent['showAs'], number> = {
  free: 0,
  unknown: 0,
  workingElsewhere: 1,
  tentative: 2,
  busy: 3,
  oof: 4,
};

interface ScheduleBody {
  schedules?: unknown;
  startTime?: Partial<DateTimeTimeZone>;
  endTime?: Partial<DateTimeTimeZone>;
  availabilityViewInterval?: unknown;
}

function instantOf(value: Partial<DateTimeTimeZone> | undefined): number | null {
  if (!value || typeof value.dateTime !== 'string' || typeof value.timeZone !== 'string') return null;
  return toInstantMs(value.dateTime, value.timeZone);
}

/** Get free/busy schedule: https://learn.microsoft.com/graph/api/calendar-getschedule */
export const scheduleRoutes: FastifyPluginAsync<{ state: TenantState }> = async (app, { state }) => {
  app.post<{ Params: { userId: string }; Body: ScheduleBody }>(
    '/users/:userId/calendar/getSchedule',
    async (request, reply) => {
      const requester = authorizeMailbox(state, request, reply, request.params.userId, 'readSchedule');
      if (!requester) return reply;
      const body = request.body ?? {};
      const schedules = body.schedules;
      if (
        !Array.isArray(schedules) ||
        schedules.length === 0 ||
        !schedules.every((item) => typeof item === 'string')
      ) {
        return sendGraphError(
          request,
          reply,
          400,
          'ErrorInvalidParameter',
          "The 'schedules' parameter must list at least one SMTP address.",
        );
      }
      const startTimeZone = body.startTime?.timeZone ?? '';
      if (!resolveTimeZone(startTimeZone) || !resolveTimeZone(body.endTime?.timeZone ?? '')) {
        const name = resolveTimeZone(startTimeZone) ? body.endTime?.timeZone : startTimeZone;
        return sendGraphError(
          request,
          reply,
          400,
          'TimeZoneNotSupportedException',
          `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${name ?? ''}'.`,
        );
      }
      const from = instantOf(body.startTime);
      const to = instantOf(body.endTime);
      if (from === null || to === null || to <= from) {
        return sendGraphError(
          request,
          reply,
          400,
          'ErrorInvalidParameter',
          "'startTime' and 'endTime' must be dateTimeTimeZone values with endTime after startTime.",
        );
      }
      const interval = body.availabilityViewInterval ?? 30;
      if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 5 || interval > 1440) {
        return sendGraphError(
          request,
          reply,
          400,
          'ErrorInvalidParameter',
          "'availabilityViewInterval' must be a number of minutes from 5 to 1440.",
        );
      }
      const slotMs = interval * 60_000;
      const slots = Math.ceil((to - from) / slotMs);

      const value = (schedules as string[]).map((scheduleId) => {
        const user = findUser(state, scheduleId);
        if (!user) {
          return {
            scheduleId,
            availabilityView: '',
            scheduleItems: [],
            error: {
              message: `The mailbox '${scheduleId}' could not be found.`,
              responseCode: 'ErrorMailRecipientNotFound',
            },
          };
        }
        const details = canSeeDetails(request, user);
        const busy = listByOwner(state, user.id)
          .filter((event) => !event.isCancelled && DIGIT[event.showAs] !== '0')
          .map((event) => ({ event, span: spanOf(event) }))
          .filter(({ span }) => span.start < to && span.end > from)
          .sort((a, b) => a.span.start - b.span.start);
        const view = Array.from({ length: slots }, (_, slot) => {
          const slotStart = from + slot * slotMs;
          const slotEnd = slotStart + slotMs;
          const strongest = busy
            .filter(({ span }) => span.start < slotEnd && span.end > slotStart)
            .reduce<CalendarEvent['showAs']>(
              (best, { event }) => (STRENGTH[event.showAs] > STRENGTH[best] ? event.showAs : best),
              'free',
            );
          return DIGIT[strongest];
        }).join('');
        const zone = startTimeZone;
        return {
          scheduleId,
          availabilityView: view,
          scheduleItems: busy.map(({ event }) => ({
            ...(details ? { isPrivate: false } : {}),
            status: event.showAs,
            ...(details ? { subject: event.subject, location: event.location.displayName } : {}),
            start: inZone(event.start, zone),
            end: inZone(event.end, zone),
          })),
          workingHours: {
            daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
            startTime: '08:00:00.0000000',
            endTime: '17:00:00.0000000',
            timeZone: { name: windowsNameOf(user.mailboxTimeZone) },
          },
        };
      });
      return reply.send({
        '@odata.context':
          'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)',
        value,
      });
    },
  );
};
