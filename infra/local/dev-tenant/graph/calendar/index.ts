import type { FastifyPluginAsync } from 'fastify';
import type { TenantState } from '../../state.js';
import { calendarViewRoutes } from './calendar-view-routes.js';
import { eventsRoutes } from './events-routes.js';
import { responseRoutes } from './response-routes.js';
import { scheduleRoutes } from './schedule-routes.js';

/**
 * Outlook calendar of the dev tenant's Graph v1.0: events per mailbox with Exchange's meeting semantics
 * (attendee copies, meeting messages, attendees' answers), calendarView and getSchedule. Registered under '/v1.0' behind the
 * core's auth hook, which sets request.graphCaller and rewrites /me/... to /users/{id}/...
 */
export const calendarRoutes: FastifyPluginAsync<{ state: TenantState }> = async (app, { state }) => {
  await app.register(eventsRoutes, { state });
  await app.register(responseRoutes, { state });
  await app.register(calendarViewRoutes, { state });
  await app.register(scheduleRoutes, { state });
};
