import { randomBytes } from 'node:crypto';
import type { CalendarEvent, TenantState } from '../../state.js';

/**
 * Per-mailbox index over state.events. state.events stays the one source of truth (the seed and other plugins
 * may write it), so the index is rebuilt whenever its size no longer matches the map.
 */
interface OwnerIndex {
  byOwner: Map<string, Set<string>>;
  size: number;
}

const indexes = new WeakMap<TenantState, OwnerIndex>();

function ownerIndex(state: TenantState): OwnerIndex {
  const existing = indexes.get(state);
  if (existing && existing.size === state.events.size) return existing;
  const byOwner = new Map<string, Set<string>>();
  for (const event of state.events.values()) {
    const ids = byOwner.get(event.ownerId) ?? new Set<string>();
    ids.add(event.id);
    byOwner.set(event.ownerId, ids);
  }
  const rebuilt = { byOwner, size: state.events.size };
  indexes.set(state, rebuilt);
  return rebuilt;
}

/** Stores a new copy in its owner's mailbox. */
export function putEvent(state: TenantState, event: CalendarEvent): void {
  const index = ownerIndex(state);
  state.events.set(event.id, event);
  const ids = index.byOwner.get(event.ownerId) ?? new Set<string>();
  ids.add(event.id);
  index.byOwner.set(event.ownerId, ids);
  index.size = state.events.size;
}

/** Removes a copy from its owner's mailbox. */
export function removeEvent(state: TenantState, event: CalendarEvent): void {
  const index = ownerIndex(state);
  state.events.delete(event.id);
  index.byOwner.get(event.ownerId)?.delete(event.id);
  index.size = state.events.size;
}

/** Every copy held by one mailbox, oldest first. */
export function listByOwner(state: TenantState, ownerId: string): CalendarEvent[] {
  const ids = ownerIndex(state).byOwner.get(ownerId) ?? new Set<string>();
  return [...ids].flatMap((id) => state.events.get(id) ?? []);
}

/** The copy with that id in that mailbox: an id from another mailbox is not found, as in Exchange. */
export function findOwnedEvent(
  state: TenantState,
  ownerId: string,
  eventId: string,
): CalendarEvent | undefined {
  const event = state.events.get(eventId);
  return event?.ownerId === ownerId ? event : undefined;
}

/** The attendee copies that mirror an organizer's event. */
export function listAttendeeCopies(state: TenantState, organizerEventId: string): CalendarEvent[] {
  return [...state.events.values()].filter((event) => event.seriesOrganizerEventId === organizerEventId);
}

/** An Exchange-looking item id: base64 with the 'AAMkA' prefix real mailbox ids carry. */
export function newEventId(): string {
  return `AAMkA${randomBytes(60).toString('base64url')}AAA=`;
}

/** A change key, which also makes the event's @odata.etag (W/"changeKey"). */
export function newChangeKey(): string {
  return randomBytes(16).toString('base64');
}

/** An iCalendar UID in the form Exchange gives meetings: a fixed class id followed by a random global object id. */
export function newICalUId(): string {
  return `040000008200E00074C5B7101A82E00800000000${randomBytes(8).toString('hex').toUpperCase()}00000000000000001000000${randomBytes(16).toString('hex').toUpperCase()}`;
}
