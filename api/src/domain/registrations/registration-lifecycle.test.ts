import { describe, expect, it } from 'vitest';
import type { CampusError } from '../../errors.js';
import { cancelMyRegistration, cancelRegistration, cancelRegistrationAs } from './cancel-registration.js';
import { reloadRegistration } from './change-registration.js';
import { decideApproval } from './decide-approval.js';
import { actor, createTestPorts, idOf, session, TENANT } from './in-memory-ports.js';
import { listSessionRegistrations } from './list-session-registrations.js';
import { markAttendance } from './mark-attendance.js';
import { processRegistrationWork } from './process-registration-work.js';
import { registerForSession } from './register-for-session.js';

const scope = { tenantId: TENANT };
const organizer = actor('olga', ['employee', 'organizer']);

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: CampusError) => error.code,
  );
}

async function setUp(overrides: Parameters<typeof session>[0] = { id: 's1' }) {
  const ports = createTestPorts();
  await ports.deps.sessions.insert(session(overrides));
  const register = (userId: string, sessionId = overrides.id) => registerForSession(ports.deps, actor(userId), sessionId);
  const statusOf = async (userId: string, sessionId = overrides.id) => (await ports.deps.registrations.findById(scope, idOf(userId, sessionId)))?.status;
  const historyOf = async (userId: string, sessionId = overrides.id) => {
    const registration = (await ports.deps.registrations.findById(scope, idOf(userId, sessionId)))!;
    return (await ports.deps.history.listByRegistration(scope, registration.id, registration.version)).map((change) => `${change.from ?? '∅'}→${change.to} by ${change.by.role}`);
  };
  return { ...ports, register, statusOf, historyOf };
}

describe('registering', () => {
  it('gives seats while they last, then waitlists in arrival order with positions', async () => {
    const t = await setUp({ id: 's1', capacity: 2 });
    const results = [];
    for (const user of ['ann', 'bob', 'cat', 'dan']) results.push(await t.register(user));
    expect(results.map(({ registration, position }) => [registration.status, registration.seat, position])).toEqual([
      ['confirmed', 1, null],
      ['confirmed', 2, null],
      ['waitlisted', null, 1],
      ['waitlisted', null, 2],
    ]);
    expect(t.calendar.filter((entry) => entry === 'sync s1')).toHaveLength(2);
    expect(t.notifications.map((notification) => [notification.userId, notification.kind])).toEqual([
      ['cat', 'waitlisted'],
      ['dan', 'waitlisted'],
    ]);
    expect(await t.historyOf('cat')).toEqual(['∅→requested by employee', 'requested→waitlisted by employee']);
  });

  it('orders same-millisecond arrivals by the arrival counter, whatever order they finish in', async () => {
    const t = await setUp({ id: 's1', capacity: 1 });
    await t.register('ann');
    // The clock stands still: all arrive "at once", the counter orders them as they reached the use case.
    const outcomes = await Promise.all(['bob', 'cat', 'dan', 'eve'].map((user) => t.register(user)));
    expect(outcomes.map((outcome) => outcome.registration.arrival.seq)).toEqual([2, 3, 4, 5]);
    const { registrations } = await listSessionRegistrations(t.deps, organizer, 's1');
    expect(registrations.filter(({ position }) => position !== null).map(({ registration, position }) => [registration.userId, position])).toEqual([
      ['bob', 1],
      ['cat', 2],
      ['dan', 3],
      ['eve', 4],
    ]);
  });

  it('refuses a second registration, an overlapping session, and sessions that are not open, changing nothing', async () => {
    const t = await setUp({ id: 's1', capacity: 5 });
    await t.deps.sessions.insert(session({ id: 's2', title: 'Overlapping', startsAt: new Date(Date.UTC(2030, 0, 15, 9, 30)) }));
    await t.deps.sessions.insert(session({ id: 'gone', status: 'cancelled' }));
    await t.deps.sessions.insert(session({ id: 'past', startsAt: new Date(Date.UTC(2029, 0, 1)) }));
    await t.register('ann');
    const historyBefore = t.deps.history.all.size;

    expect(await codeOf(t.register('ann'))).toBe('CAMPUS_ERR_ALREADY_REGISTERED');
    const conflict = await t.register('ann', 's2').catch((error: CampusError) => error);
    expect(conflict).toMatchObject({ code: 'CAMPUS_ERR_SCHEDULE_CONFLICT', details: { sessionId: 's1' } });
    expect((conflict as Error).message).toContain('Session s1');
    expect(await codeOf(t.register('ann', 'gone'))).toBe('CAMPUS_ERR_SESSION_NOT_OPEN');
    expect(await codeOf(t.register('ann', 'past'))).toBe('CAMPUS_ERR_SESSION_NOT_OPEN');
    expect(await codeOf(t.register('ann', 'nowhere'))).toBe('CAMPUS_ERR_SESSION_NOT_FOUND');
    expect(t.deps.history.all.size).toBe(historyBefore);
    expect(await t.deps.registrations.listByUser(scope, 'ann')).toHaveLength(1);
  });

  it('lets someone who cancelled register again, at the back of the queue', async () => {
    const t = await setUp({ id: 's1', capacity: 1 });
    await t.register('ann');
    await t.register('bob');
    t.clock.at = new Date(t.clock.at.getTime() + 1000);
    await cancelMyRegistration(t.deps, actor('bob'), 's1');
    await t.register('cat');
    const again = await t.register('bob');
    expect(again).toMatchObject({ registration: { status: 'waitlisted' }, position: 2 });
    expect(await t.historyOf('bob')).toEqual([
      '∅→requested by employee',
      'requested→waitlisted by employee',
      'waitlisted→cancelled by employee',
      'cancelled→requested by employee',
      'requested→waitlisted by employee',
    ]);
  });
});

describe('cancelling and promotion', () => {
  it('gives the freed seat to the first waitlisted person and tells them', async () => {
    const t = await setUp({ id: 's1', capacity: 1 });
    for (const user of ['ann', 'bob', 'cat']) await t.register(user);
    const cancelled = await cancelMyRegistration(t.deps, actor('ann'), 's1');
    expect(cancelled).toMatchObject({ status: 'cancelled', seat: null, closedBy: { userId: 'ann', role: 'employee' } });
    expect(await t.statusOf('bob')).toBe('confirmed');
    expect(await t.statusOf('cat')).toBe('waitlisted');
    expect(await t.historyOf('bob')).toEqual([
      '∅→requested by employee',
      'requested→waitlisted by employee',
      'waitlisted→promoted by system',
      'promoted→confirmed by system',
    ]);
    expect(t.notifications.filter((notification) => notification.kind === 'promoted').map((notification) => notification.userId)).toEqual(['bob']);
    // Cancelling again changes nothing and promotes nobody else.
    await cancelMyRegistration(t.deps, actor('ann'), 's1');
    expect(await t.statusOf('cat')).toBe('waitlisted');
  });

  it('promotes two different people, in order, when two seats free at once', async () => {
    const t = await setUp({ id: 's1', capacity: 2 });
    for (const user of ['ann', 'bob', 'cat', 'dan', 'eve']) await t.register(user);
    await Promise.all([cancelMyRegistration(t.deps, actor('ann'), 's1'), cancelMyRegistration(t.deps, actor('bob'), 's1')]);
    expect([await t.statusOf('cat'), await t.statusOf('dan'), await t.statusOf('eve')]).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    expect(t.notifications.filter((notification) => notification.kind === 'promoted')).toHaveLength(2);
    expect([...t.deps.seats.held.get('s1')!.values()].length).toBe(2);
  });

  it('takes a promoted person to their supervisor when the session needs approval', async () => {
    const t = await setUp({ id: 's1', capacity: 1, approval: 'supervisor' });
    await t.register('ann');
    await t.register('bob');
    await cancelMyRegistration(t.deps, actor('ann'), 's1');
    expect(await t.statusOf('bob')).toBe('pendingApproval');
    const bob = (await t.deps.registrations.findById(scope, idOf('bob', 's1')))!;
    expect(t.approvalsAsked).toEqual([(await t.deps.registrations.findById(scope, idOf('ann', 's1')))!.id, bob.id]);
    expect(t.approvalsWithdrawn).toEqual([(await t.deps.registrations.findById(scope, idOf('ann', 's1')))!.id]);
  });

  it('records who cancelled: an organizer may cancel anyone, an employee only themselves', async () => {
    const t = await setUp({ id: 's1', capacity: 1 });
    const { registration } = await t.register('ann');
    expect(await codeOf(cancelRegistrationAs(t.deps, actor('bob'), registration.id, null))).toBe('CAMPUS_ERR_FORBIDDEN');
    expect(await t.statusOf('ann')).toBe('confirmed');
    const cancelled = await cancelRegistrationAs(t.deps, organizer, registration.id, 'Room closed');
    expect(cancelled.closedBy).toEqual({ userId: 'olga', role: 'organizer' });
    expect(t.notifications.at(-1)).toMatchObject({ userId: 'ann', kind: 'cancelled', message: expect.stringContaining('an organizer: “Room closed”') });
  });

  it('lets a supervisor cancel, and refuses cancelling once the session has started', async () => {
    const t = await setUp({ id: 's1', capacity: 2 });
    const { registration } = await t.register('ann');
    await t.register('bob');
    await cancelRegistration(t.deps, scope, registration.id, { userId: 'sam', role: 'supervisor' }, { reason: 'Quarter close' });
    expect((await reloadRegistration(t.deps, scope, registration.id))?.closedBy).toEqual({ userId: 'sam', role: 'supervisor' });
    t.clock.at = new Date(Date.UTC(2030, 0, 15, 9, 5));
    expect(await codeOf(cancelMyRegistration(t.deps, actor('bob'), 's1'))).toBe('CAMPUS_ERR_SESSION_NOT_OPEN');
    expect(await t.statusOf('bob')).toBe('confirmed');
  });

  it('lets exactly one of a racing cancellation and promotion win, and leaks no seat', async () => {
    const t = await setUp({ id: 's1', capacity: 1 });
    await t.register('ann');
    await t.register('bob');
    await Promise.all([cancelMyRegistration(t.deps, actor('ann'), 's1'), cancelMyRegistration(t.deps, actor('bob'), 's1')]);
    const seats = [...t.deps.seats.held.get('s1')!.values()];
    expect(await t.statusOf('bob')).toBe('cancelled');
    expect(seats).toEqual([]);
  });
});

describe('approval decisions', () => {
  async function pending() {
    const t = await setUp({ id: 's1', capacity: 1, approval: 'supervisor' });
    const { registration } = await t.register('ann');
    await t.register('bob');
    return { t, registration };
  }
  const supervisor = { tenantId: TENANT, userId: 'sam' };

  it('holds the seat while pending, then approve → approved → confirmed, idempotently', async () => {
    const { t, registration } = await pending();
    expect(registration).toMatchObject({ status: 'pendingApproval', seat: 1 });
    const approved = await decideApproval(t.deps, supervisor, registration.id, 'approve', 'Enjoy');
    expect(approved).toMatchObject({ status: 'confirmed', seat: 1 });
    expect(await decideApproval(t.deps, supervisor, registration.id, 'approve', null)).toMatchObject({ status: 'confirmed', version: approved.version });
    expect(await codeOf(decideApproval(t.deps, supervisor, registration.id, 'decline', null))).toBe('CAMPUS_ERR_ALREADY_DECIDED');
    expect(await t.historyOf('ann')).toEqual([
      '∅→requested by employee',
      'requested→pendingApproval by employee',
      'pendingApproval→approved by supervisor',
      'approved→confirmed by system',
    ]);
    expect(t.notifications.filter((notification) => notification.kind === 'approved')).toHaveLength(1);
    expect(t.calendar).toContain('sync s1');
  });

  it('declines: the seat goes to the next person, who also needs approval', async () => {
    const { t, registration } = await pending();
    const declined = await decideApproval(t.deps, supervisor, registration.id, 'decline', 'Not this quarter');
    expect(declined).toMatchObject({ status: 'declined', seat: null, closedBy: { userId: 'sam', role: 'supervisor' } });
    expect(await t.statusOf('bob')).toBe('pendingApproval');
    expect(await decideApproval(t.deps, supervisor, registration.id, 'decline', null)).toMatchObject({ status: 'declined' });
    expect(await codeOf(decideApproval(t.deps, supervisor, registration.id, 'approve', null))).toBe('CAMPUS_ERR_ALREADY_DECIDED');
    expect(t.notifications.find((notification) => notification.kind === 'declined')?.message).toContain('“Not this quarter”');
  });

  it('has nothing to decide on a cancelled or waitlisted registration', async () => {
    const { t, registration } = await pending();
    const bob = (await t.deps.registrations.findById(scope, idOf('bob', 's1')))!;
    expect(await codeOf(decideApproval(t.deps, supervisor, bob.id, 'approve', null))).toBe('CAMPUS_ERR_INVALID_TRANSITION');
    await cancelMyRegistration(t.deps, actor('ann'), 's1');
    expect(await codeOf(decideApproval(t.deps, supervisor, registration.id, 'approve', null))).toBe('CAMPUS_ERR_INVALID_TRANSITION');
    expect(await codeOf(decideApproval(t.deps, supervisor, 'nobody', 'approve', null))).toBe('CAMPUS_ERR_REGISTRATION_NOT_FOUND');
  });
});

describe('attendance', () => {
  it('is recorded by organizers once the session has started, and can be corrected', async () => {
    const t = await setUp({ id: 's1', capacity: 1 });
    await t.register('ann');
    await t.register('bob');
    expect(await codeOf(markAttendance(t.deps, organizer, 's1', 'ann', true))).toBe('CAMPUS_ERR_SESSION_NOT_STARTED');
    t.clock.at = new Date(Date.UTC(2030, 0, 15, 9, 1));
    expect(await codeOf(markAttendance(t.deps, actor('ann'), 's1', 'ann', true))).toBe('CAMPUS_ERR_FORBIDDEN');
    expect(await markAttendance(t.deps, organizer, 's1', 'ann', true)).toMatchObject({ status: 'attended' });
    expect(await markAttendance(t.deps, organizer, 's1', 'ann', true)).toMatchObject({ status: 'attended' });
    expect(await markAttendance(t.deps, organizer, 's1', 'ann', false)).toMatchObject({ status: 'noShow' });
    expect(await codeOf(markAttendance(t.deps, organizer, 's1', 'bob', true))).toBe('CAMPUS_ERR_INVALID_TRANSITION');
    expect(await codeOf(markAttendance(t.deps, organizer, 's1', 'zed', true))).toBe('CAMPUS_ERR_REGISTRATION_NOT_FOUND');
    expect(await t.historyOf('ann')).toEqual([
      '∅→requested by employee',
      'requested→confirmed by employee',
      'confirmed→attended by organizer',
      'attended→noShow by organizer',
    ]);
  });
});

describe('after a crash', () => {
  it('repairs a stored registration that lags its history, and settles passing states', async () => {
    const t = await setUp({ id: 's1', capacity: 1 });
    await t.register('ann');
    const bob = (await t.register('bob')).registration;
    // The process died after recording "bob promoted" but before storing it or going on to confirmed.
    await t.deps.seats.release(scope, 's1', (await t.deps.registrations.findById(scope, idOf('ann', 's1')))!.id);
    const seat = await t.deps.seats.claim(scope, 's1', 1, bob.id);
    await t.deps.history.append({
      tenantId: TENANT, sessionId: 's1', registrationId: bob.id, userId: 'bob', version: bob.version + 1, from: 'waitlisted', to: 'promoted',
      at: t.clock.now(), by: { userId: null, role: 'system' }, reason: 'a seat freed up', state: { status: 'promoted', seat, arrival: bob.arrival, closedBy: null },
    });
    expect(await t.statusOf('bob')).toBe('waitlisted');
    expect(await reloadRegistration(t.deps, scope, bob.id)).toMatchObject({ status: 'promoted', seat: 1 });
    expect(await t.statusOf('bob')).toBe('promoted');

    t.clock.at = new Date(t.clock.at.getTime() + 120_000);
    expect(await processRegistrationWork(t.deps, 10)).toMatchObject({ settled: 1 });
    expect(await t.statusOf('bob')).toBe('confirmed');
    expect(t.notifications.filter((notification) => notification.kind === 'promoted').map((notification) => notification.userId)).toEqual(['bob']);
  });

  it('gives back a seat still held by a cancelled registration and promotes in its place', async () => {
    const t = await setUp({ id: 's1', capacity: 1 });
    const ann = (await t.register('ann')).registration;
    await t.register('bob');
    // The cancellation was recorded but the process died before releasing the seat.
    await t.deps.history.append({
      tenantId: TENANT, sessionId: 's1', registrationId: ann.id, userId: 'ann', version: ann.version + 1, from: 'confirmed', to: 'cancelled',
      at: t.clock.now(), by: { userId: 'ann', role: 'employee' }, reason: null, state: { status: 'cancelled', seat: null, arrival: ann.arrival, closedBy: { userId: 'ann', role: 'employee' } },
    });
    await t.deps.registrations.applyChange(scope, (await t.deps.history.find(scope, ann.id, ann.version + 1))!);
    expect(await processRegistrationWork(t.deps, 10)).toMatchObject({ promoted: 1 });
    expect(await t.statusOf('bob')).toBe('confirmed');
  });
});

describe('seats nobody stored', () => {
  it('are given back by the worker once old enough, not while a registration may still be on its way', async () => {
    const t = await setUp({ id: 's1', capacity: 1 });
    // A request claimed this seat and died before storing its registration.
    await t.deps.seats.claim(scope, 's1', 1, idOf('ghost', 's1'));
    await t.register('ann');
    expect(await t.statusOf('ann')).toBe('waitlisted');
    expect(await processRegistrationWork(t.deps, 10)).toMatchObject({ promoted: 0 });
    t.clock.at = new Date(t.clock.at.getTime() + 120_000);
    expect(await processRegistrationWork(t.deps, 10)).toMatchObject({ promoted: 1 });
    expect(await t.statusOf('ann')).toBe('confirmed');
  });
});
