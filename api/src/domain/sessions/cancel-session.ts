import { createError } from '../../errors.js';
import { cancelRegistration } from '../registrations/cancel-registration.js';
import { findSession, requireOrganizer, type RegistrationDeps } from '../registrations/registration-flow.js';
import { isLive } from '../registrations/registration-states.js';
import type { Actor } from '../shared/tenant-scope.js';
import type { Session } from './session.js';

/**
 * Passes over the registrations: a registration that read the session just before it was cancelled may land
 * during the first pass; the second catches it.
 */
const PASSES = 2;

/**
 * An organizer cancels a session: every registration is cancelled and told why, and the Outlook meeting is
 * cancelled with the organizer's message. Repeating it finishes what a crash interrupted and changes nothing else.
 */
export async function cancelSession(
  deps: RegistrationDeps,
  actor: Actor,
  sessionId: string,
  message: string,
): Promise<Session> {
  requireOrganizer(actor, 'cancel sessions');
  const session = await findSession(deps.sessions, actor, sessionId);
  let cancelled = session;
  if (session.status !== 'cancelled') {
    const now = deps.clock.now();
    if (session.startsAt <= now)
      throw createError('CAMPUS_ERR_SESSION_NOT_OPEN', 'the session has already started');
    const cancellation = { at: now, byUserId: actor.userId, message: message.trim() };
    // Stored with the Outlook cancellation still to make: the calendar worker finds it if a crash stops us below.
    await deps.sessions.markCancelled(actor, sessionId, cancellation, deps.ids.newId());
    cancelled = { ...session, status: 'cancelled', cancellation, updatedAt: now };
  }
  const reason = cancelled.cancellation?.message ?? message.trim();
  for (let pass = 0; pass < PASSES; pass++) {
    const live = (await deps.registrations.listBySession(actor, sessionId)).filter((registration) =>
      isLive(registration.status),
    );
    for (const registration of live) {
      await cancelRegistration(
        deps,
        actor,
        registration.id,
        { userId: actor.userId, role: 'organizer' },
        { reason, sessionCancelled: true },
      );
    }
  }
  await deps.bookSessionEvent.requestEventCancellation(actor, sessionId, reason);
  return cancelled;
}
