/** In-memory fakes of the registration ports, for fast domain tests. They keep the same invariants as the stores. */
import type { Session, SessionRepository } from '../sessions/session.js';
import type { Actor, Role } from '../shared/tenant-scope.js';
import type { ApprovalRequests } from './approval-requests.js';
import { createStoredNotifier, type Notification, type NotificationStore } from './notifier.js';
import {
  compareArrival,
  createArrivalCounter,
  createWaitlistPositions,
  type RegistrationDeps,
} from './registration-flow.js';
import { registrationIdFor } from './registration-id.js';
import type {
  LeaseStore,
  Registration,
  RegistrationChange,
  RegistrationHistory,
  RegistrationRepository,
  SeatLedger,
} from './registration.js';

export const TENANT = 'tenant-test';

/** The id of a user's registration for a session in the test tenant. */
export function idOf(userId: string, sessionId: string): string {
  return registrationIdFor(TENANT, sessionId, userId);
}

export function actor(userId: string, roles: Role[] = ['employee']): Actor {
  return {
    tenantId: TENANT,
    userId,
    displayName: `Person ${userId}`,
    mail: `${userId}@contoso.test`,
    roles: new Set(roles),
  };
}

export function session(overrides: Partial<Session> & Pick<Session, 'id'>): Session {
  const startsAt = overrides.startsAt ?? new Date(Date.UTC(2030, 0, 15, 9));
  return {
    tenantId: TENANT,
    title: `Session ${overrides.id}`,
    abstract: 'About it.',
    presenter: { id: 'presenter', displayName: 'Pia Presenter', mail: 'pia@contoso.test' },
    organizerId: 'organizer',
    start: { dateTime: '2030-01-15T09:00:00', timeZone: 'UTC' },
    end: { dateTime: '2030-01-15T10:00:00', timeZone: 'UTC' },
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3_600_000),
    capacity: 2,
    online: true,
    location: null,
    status: 'scheduled',
    approval: 'none',
    cancellation: null,
    calendar: { ownerId: 'presenter', transactionId: overrides.id, eventId: 'event', joinUrl: null },
    createdAt: new Date(Date.UTC(2029, 0, 1)),
    updatedAt: new Date(Date.UTC(2029, 0, 1)),
    ...overrides,
  };
}

function createSessions(): SessionRepository & { all: Map<string, Session> } {
  const all = new Map<string, Session>();
  return {
    all,
    async insert(value) {
      all.set(value.id, value);
    },
    async findById(scope, id) {
      const found = all.get(id);
      return found && found.tenantId === scope.tenantId ? { ...found } : null;
    },
    async listOverlapping(scope, startsAt, endsAt) {
      return [...all.values()].filter(
        (value) =>
          value.tenantId === scope.tenantId &&
          value.status === 'scheduled' &&
          value.startsAt < endsAt &&
          startsAt < value.endsAt,
      );
    },
    async findByIds(scope, ids) {
      return ids.flatMap((id) => (all.get(id)?.tenantId === scope.tenantId ? [{ ...all.get(id)! }] : []));
    },
    async listUpcoming() {
      return { sessions: [...all.values()], nextCursor: null };
    },
    async listAwaitingCalendarEvent() {
      return [];
    },
    async recordCalendarEvent() {},
    async update(_scope, id, { pendingUpdate, ...changes }) {
      const stored = all.get(id)!;
      all.set(id, {
        ...stored,
        ...changes,
        calendar: {
          ...stored.calendar,
          pendingUpdate: pendingUpdate ?? stored.calendar.pendingUpdate ?? null,
        },
      });
    },
    async markCancelled(_scope, id, cancellation, updateId) {
      const stored = all.get(id)!;
      all.set(id, {
        ...stored,
        status: 'cancelled',
        cancellation,
        calendar: { ...stored.calendar, pendingUpdate: updateId },
      });
    },
    async listPendingEventUpdates(from, limit) {
      return [...all.values()]
        .filter((value) => value.startsAt > from && (value.calendar.pendingUpdate ?? null) !== null)
        .slice(0, limit);
    },
    async clearPendingUpdate(_scope, id, updateId) {
      const stored = all.get(id)!;
      if (stored.calendar.pendingUpdate === updateId)
        all.set(id, { ...stored, calendar: { ...stored.calendar, pendingUpdate: null } });
    },
    async listOpenAcrossTenants(from) {
      return [...all.values()].filter((value) => value.status === 'scheduled' && value.startsAt > from);
    },
  };
}

function createRegistrations(): RegistrationRepository & { all: Map<string, Registration> } {
  const all = new Map<string, Registration>();
  const list = (predicate: (registration: Registration) => boolean) =>
    [...all.values()].filter(predicate).map((registration) => ({ ...registration }));
  return {
    all,
    async insert(registration) {
      if (
        all.has(registration.id) ||
        [...all.values()].some(
          (other) => other.sessionId === registration.sessionId && other.userId === registration.userId,
        )
      )
        return 'duplicate';
      all.set(registration.id, { ...registration });
      return 'inserted';
    },
    async findById(_scope, id) {
      return all.has(id) ? { ...all.get(id)! } : null;
    },
    async listBySession(_scope, sessionId) {
      return list((registration) => registration.sessionId === sessionId);
    },
    async listByUser(_scope, userId) {
      return list((registration) => registration.userId === userId);
    },
    async listWaitlisted(_scope, sessionId, limit) {
      return list(
        (registration) => registration.sessionId === sessionId && registration.status === 'waitlisted',
      )
        .sort(compareArrival)
        .slice(0, limit);
    },
    async applyChange(_scope, change) {
      const stored = all.get(change.registrationId);
      if (!stored || stored.version >= change.version) return;
      all.set(change.registrationId, {
        ...stored,
        ...change.state,
        version: change.version,
        updatedAt: change.at,
        invite: change.to === 'confirmed' ? 'pending' : stored.invite,
      });
    },
    async listUnsettled(before, limit) {
      return list(
        (registration) =>
          ['requested', 'promoted', 'approved'].includes(registration.status) &&
          registration.updatedAt < before,
      ).slice(0, limit);
    },
    async markInvites(_scope, ids, invite) {
      for (const id of ids) all.set(id, { ...all.get(id)!, invite });
    },
    async listSessionsWithPendingInvites() {
      return [];
    },
  };
}

function createHistory(): RegistrationHistory & { all: Map<string, RegistrationChange> } {
  const all = new Map<string, RegistrationChange>();
  const of = (id: string) =>
    [...all.values()].filter((change) => change.registrationId === id).sort((a, b) => a.version - b.version);
  return {
    all,
    async append(change) {
      const key = `${change.registrationId}#${change.version}`;
      if (all.has(key)) return 'conflict';
      all.set(key, change);
      return 'appended';
    },
    async find(_scope, id, version) {
      return all.get(`${id}#${version}`) ?? null;
    },
    async listByRegistration(_scope, id, throughVersion) {
      return of(id).filter((change) => change.version <= throughVersion);
    },
  };
}

function createSeats(clock: {
  now(): Date;
}): SeatLedger & { held: Map<string, Map<number, string>>; queued: Set<string> } {
  const held = new Map<string, Map<number, string>>();
  const claimedAt = new Map<string, Date>();
  const queued = new Set<string>();
  const of = (sessionId: string) => held.get(sessionId) ?? held.set(sessionId, new Map()).get(sessionId)!;
  return {
    held,
    queued,
    async occupancy(_scope, sessionId) {
      return { taken: of(sessionId).size, queued: queued.has(sessionId) };
    },
    async markQueued(_scope, sessionId) {
      queued.add(sessionId);
    },
    async clearQueued(_scope, sessionId) {
      queued.delete(sessionId);
    },
    async claim(_scope, sessionId, capacity, registrationId) {
      const seats = of(sessionId);
      for (const [seat, holder] of seats) if (holder === registrationId) return seat;
      for (let seat = 1; seat <= capacity; seat++) {
        if (!seats.has(seat)) {
          seats.set(seat, registrationId);
          claimedAt.set(registrationId, clock.now());
          return seat;
        }
      }
      return null;
    },
    async release(_scope, sessionId, registrationId) {
      const seats = of(sessionId);
      for (const [seat, holder] of seats) if (holder === registrationId) seats.delete(seat);
    },
    async countTaken(_scope, sessionIds) {
      return new Map(sessionIds.map((id) => [id, of(id).size]));
    },
    async listHolders(_scope, sessionId) {
      return [...of(sessionId)].map(([seat, registrationId]) => ({
        seat,
        registrationId,
        claimedAt: claimedAt.get(registrationId)!,
      }));
    },
    async resize(_scope, sessionId, _from, to) {
      const seats = of(sessionId);
      if (seats.size > to) return { resized: false, taken: seats.size };
      const holders = [...seats.values()];
      seats.clear();
      holders.forEach((holder, index) => seats.set(index + 1, holder));
      return { resized: true };
    },
  };
}

function createLeases(): LeaseStore {
  const held = new Map<string, string>();
  return {
    async tryAcquire(key, holder) {
      if (held.has(key)) return false;
      held.set(key, holder);
      return true;
    },
    async release(key, holder) {
      if (held.get(key) === holder) held.delete(key);
    },
  };
}

/** All ports, with what they were asked recorded; `clock.at` moves time. */
export function createTestPorts() {
  const clock = { at: new Date(Date.UTC(2030, 0, 1, 8)), now: () => new Date(clock.at) };
  let nextId = 0;
  const notifications: Notification[] = [];
  const notificationStore: NotificationStore = {
    async insert(notification) {
      if (!notifications.some((existing) => existing.id === notification.id))
        notifications.push(notification);
    },
    async listByUser(_scope, userId) {
      return notifications.filter((notification) => notification.userId === userId).reverse();
    },
  };
  const approvalsAsked: string[] = [];
  const approvalsWithdrawn: string[] = [];
  const approvals: ApprovalRequests = {
    async requestApproval(_scope, registration) {
      approvalsAsked.push(registration.id);
    },
    async withdraw(_scope, registrationId) {
      approvalsWithdrawn.push(registrationId);
    },
  };
  const calendar: string[] = [];
  const registrations = createRegistrations();
  const deps = {
    sessions: createSessions(),
    registrations,
    history: createHistory(),
    seats: createSeats(clock),
    leases: createLeases(),
    bookSessionEvent: {
      async requestAttendeeSync(_scope, sessionId) {
        calendar.push(`sync ${sessionId}`);
      },
      async requestEventUpdate(_scope, sessionId) {
        calendar.push(`update ${sessionId}`);
      },
      async requestEventCancellation(_scope, sessionId, message) {
        calendar.push(`cancel ${sessionId}: ${message}`);
      },
    },
    approvals,
    notifier: createStoredNotifier(notificationStore, clock),
    clock,
    ids: { newId: () => `id-${String(++nextId).padStart(4, '0')}` },
    arrivals: createArrivalCounter(),
    positions: createWaitlistPositions(registrations),
    holderId: 'test',
    logger: { warn: () => undefined },
  } satisfies RegistrationDeps;
  return { deps, clock, notifications, approvalsAsked, approvalsWithdrawn, calendar };
}
