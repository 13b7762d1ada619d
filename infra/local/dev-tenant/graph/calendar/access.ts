import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendGraphError } from '../../graph-http.js';
import { findUser, type CalendarEvent, type DirectoryUser, type TenantState } from '../../state.js';
import { findOwnedEvent } from './event-store.js';

/** What a route does to a mailbox; each maps to the Graph permissions its reference page lists. */
export type MailboxAccess = 'readCalendar' | 'writeCalendar' | 'readSchedule' | 'sendMail';

// Permission tables of the reference pages: event-get / user-list-events (read), user-post-events and
// event-update (write), calendar-getschedule (schedule), user-sendmail (send).
const APPLICATION_ROLES: Record<MailboxAccess, string[]> = {
  readCalendar: ['Calendars.Read', 'Calendars.ReadWrite'],
  writeCalendar: ['Calendars.ReadWrite'],
  readSchedule: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
  sendMail: ['Mail.Send'],
};
const DELEGATED_SCOPES: Record<MailboxAccess, string[]> = {
  readCalendar: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
  writeCalendar: ['Calendars.ReadWrite'],
  readSchedule: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
  sendMail: ['Mail.Send'],
};

const ACCESS_DENIED = 'Access is denied. Check credentials and try again.';

/**
 * Resolves /users/{id | userPrincipalName} and checks the caller may do `access` on that mailbox.
 * Answers Graph's error itself and returns null when the call must stop: 403 ErrorAccessDenied without the
 * permission (or for a delegated caller on another mailbox), 404 ErrorInvalidUser for an unknown user.
 */
export function authorizeMailbox(
  state: TenantState,
  request: FastifyRequest,
  reply: FastifyReply,
  userIdOrUpn: string,
  access: MailboxAccess,
): DirectoryUser | null {
  const caller = request.graphCaller;
  const granted =
    caller.kind === 'application'
      ? caller.roles.some((role) => APPLICATION_ROLES[access].includes(role))
      : caller.scopes.some((scope) => DELEGATED_SCOPES[access].includes(scope));
  if (!granted) {
    sendGraphError(request, reply, 403, 'ErrorAccessDenied', ACCESS_DENIED);
    return null;
  }
  const user = findUser(state, userIdOrUpn);
  if (!user) {
    sendGraphError(
      request,
      reply,
      404,
      'ErrorInvalidUser',
      `The requested user '${userIdOrUpn}' is invalid.`,
    );
    return null;
  }
  if (caller.kind === 'delegated' && caller.userId !== user.id) {
    sendGraphError(request, reply, 403, 'ErrorAccessDenied', ACCESS_DENIED);
    return null;
  }
  return user;
}

/**
 * authorizeMailbox for /users/{userId}/events/{eventId}, then that mailbox's event. Answers 404 ErrorItemNotFound
 * itself when the mailbox holds no such event (an id of another mailbox's copy included) and returns null then too.
 */
export function authorizeEvent(
  state: TenantState,
  request: FastifyRequest<{ Params: { userId: string; eventId: string } }>,
  reply: FastifyReply,
  access: MailboxAccess,
): { owner: DirectoryUser; event: CalendarEvent } | null {
  const owner = authorizeMailbox(state, request, reply, request.params.userId, access);
  if (!owner) return null;
  const event = findOwnedEvent(state, owner.id, request.params.eventId);
  if (!event) {
    sendGraphError(
      request,
      reply,
      404,
      'ErrorItemNotFound',
      'The specified object was not found in the store.',
    );
    return null;
  }
  return { owner, event };
}

/** True when the caller may see subjects and locations of `owner`'s events (getSchedule's scheduleItems). */
export function canSeeDetails(request: FastifyRequest, owner: DirectoryUser): boolean {
  const caller = request.graphCaller;
  if (caller.kind === 'application') {
    return caller.roles.some((role) => APPLICATION_ROLES.readCalendar.includes(role));
  }
  return caller.userId === owner.id;
}
