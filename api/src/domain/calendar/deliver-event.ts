import type { Claim, TargetHandler } from '../outbox/create-outbox.js';
import type { DeliveredState, OutboxItem, OutboxStore } from '../outbox/outbox.js';
import { owesInvite, owesWithdrawal, type RegistrationRepository } from '../registrations/registration.js';
import type { Session, SessionRepository } from '../sessions/session.js';
import type { TenantScope } from '../shared/tenant-scope.js';
import type { CalendarGateway, EventAttendee, EventDetails } from './calendar-gateway.js';

export interface EventDeliveryDeps {
  calendar: CalendarGateway;
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  outbox: OutboxStore;
}

/** Sent with the cancellation when no message was given. */
const DEFAULT_CANCEL_MESSAGE = 'This Campus session has been cancelled.';

export function eventTarget(sessionId: string): string {
  return `event:${sessionId}`;
}

export function eventDetails(session: Session): EventDetails {
  return {
    subject: session.title,
    bodyHtml: eventBody(session),
    start: session.start,
    end: session.end,
    online: session.online,
    location: session.location,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function eventBody(session: Session): string {
  return [
    `<p>${escapeHtml(session.abstract).replace(/\n/g, '<br>')}</p>`,
    `<p>Presented by ${escapeHtml(session.presenter.displayName)} · a Campus peer-learning session</p>`,
  ].join('');
}

function addressesOf(attendees: EventAttendee[]): string[] {
  return [...new Set(attendees.map((attendee) => attendee.email.toLowerCase()))].sort();
}

function sameList(a: string[], b: string[] | null): boolean {
  return b !== null && a.length === b.length && a.every((value, index) => value === b[index]);
}

/** The organizer's message: from the request, else as stored with the session (its request may have been lost). */
function cancelMessage(items: OutboxItem[], session: Session): string {
  const cancels = items.flatMap((item) => (item.intent.kind === 'event.cancel' ? [item.intent.message] : []));
  return cancels.at(-1) ?? session.cancellation?.message ?? DEFAULT_CANCEL_MESSAGE;
}

/**
 * Delivers `event:{sessionId}` targets: brings the session's Outlook event in line with the database, whatever
 * intents are open. Each step is idempotent — creation by transactionId, attendees sent whole, updates and
 * cancellation compared with what Graph was last sent — so a replay after a crash writes nothing twice, and
 * an intent recorded before a change that then failed sends nothing.
 */
export function createEventDelivery(deps: EventDeliveryDeps): TargetHandler {
  return async (scope, target, items, claim) => {
    const session = await deps.sessions.findById(scope, target.slice('event:'.length));
    // An intent recorded ahead of a session that was never stored: there is nothing to book.
    if (!session) return {};
    const state: DeliveredState = (await deps.outbox.findDelivered(scope, target)) ?? {
      attendees: null,
      details: null,
      createAttempted: false,
      cancelled: false,
    };
    const save = () => deps.outbox.saveDelivered(scope, target, state);
    const details = eventDetails(session);
    const fingerprint = JSON.stringify(details);

    async function create(): Promise<string> {
      // Recorded first: a create whose answer is lost may still have made the event, which a cancel must reach.
      state.createAttempted = true;
      await save();
      claim.assertHeld();
      const created = await deps.calendar.createEvent(scope, {
        ownerId: session!.calendar.ownerId,
        transactionId: session!.calendar.transactionId,
        ...details,
      });
      await deps.sessions.recordCalendarEvent(scope, session!.id, created);
      // Created without attendees: they are only ever added to an event whose id is recorded.
      Object.assign(state, { details: fingerprint, attendees: [] });
      await save();
      return created.eventId;
    }

    // Outlook has every change once this delivery is through: the session's pending update is cleared then.
    const pendingUpdate = session.calendar.pendingUpdate ?? null;
    const settled = async () => {
      if (pendingUpdate !== null) await deps.sessions.clearPendingUpdate(scope, session.id, pendingUpdate);
    };

    if (session.status === 'cancelled') {
      if (!state.cancelled && (session.calendar.eventId || state.createAttempted)) {
        // transactionId finds an event created by an answer we never saw, so it is cancelled rather than orphaned.
        const eventId = session.calendar.eventId ?? (await create());
        claim.assertHeld();
        await deps.calendar.cancelEvent(
          scope,
          session.calendar.ownerId,
          eventId,
          cancelMessage(items, session),
        );
        state.cancelled = true;
        await save();
      }
      await settled();
      return {};
    }

    let eventsCreated = 0;
    let eventId = session.calendar.eventId;
    if (!eventId) {
      eventId = await create();
      eventsCreated = 1;
    }
    const attendeesSynced = await syncAttendees(deps, scope, {
      session,
      eventId,
      details,
      fingerprint,
      state,
      // Asked for by a request, or implied by a change stored with the session (its request lost to a crash).
      updateAsked: pendingUpdate !== null || items.some((item) => item.intent.kind === 'event.update'),
      claim,
      save,
    });
    await settled();
    return { eventsCreated, attendeesSynced: attendeesSynced ? 1 : 0 };
  };
}

interface SyncContext {
  session: Session;
  eventId: string;
  details: EventDetails;
  fingerprint: string;
  state: DeliveredState;
  updateAsked: boolean;
  claim: Claim;
  save: () => Promise<void>;
}

/**
 * Sends the details when they changed since last sent, and the whole attendee list when it changed; then records who
 * is on the event and who is off it, which settles what the registrations owed (owesInvite, owesWithdrawal).
 */
async function syncAttendees(
  deps: EventDeliveryDeps,
  scope: TenantScope,
  context: SyncContext,
): Promise<boolean> {
  const { session, eventId, state, claim } = context;
  const registrations = await deps.registrations.listBySession(scope, session.id);
  const confirmed = registrations.filter((registration) => registration.status === 'confirmed');
  const attendees: EventAttendee[] = confirmed.map((registration) => ({
    email: registration.mail,
    name: registration.displayName,
  }));
  const addresses = addressesOf(attendees);
  // Unknown details (no record yet) are taken as current unless an update was asked for: a redundant update
  // would send every attendee a meeting update.
  const detailsChanged =
    context.fingerprint !== state.details && (state.details !== null || context.updateAsked);
  let wrote = false;
  if (detailsChanged) {
    claim.assertHeld();
    await deps.calendar.updateEvent(scope, session.calendar.ownerId, eventId, context.details, attendees);
    Object.assign(state, { details: context.fingerprint, attendees: addresses });
    await context.save();
    wrote = true;
  } else if (!sameList(addresses, state.attendees)) {
    claim.assertHeld();
    await deps.calendar.replaceAttendees(scope, session.calendar.ownerId, eventId, attendees);
    state.attendees = addresses;
    await context.save();
    wrote = true;
  }
  const idsOf = (owes: typeof owesInvite) =>
    registrations.filter(owes).map((registration) => registration.id);
  await deps.registrations.markInvites(scope, idsOf(owesInvite), 'sent');
  await deps.registrations.markInvites(scope, idsOf(owesWithdrawal), 'pending');
  return wrote;
}
