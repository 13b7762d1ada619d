import { describe, expect, it } from 'vitest';
import type { CampusError } from '../../errors.js';
import { actor, createTestPorts, session, TENANT } from '../registrations/in-memory-ports.js';
import { registerForSession } from '../registrations/register-for-session.js';
import { cancelSession } from './cancel-session.js';
import { updateSession } from './update-session.js';

const scope = { tenantId: TENANT };
const organizer = actor('olga', ['employee', 'organizer']);

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: CampusError) => error.code,
  );
}

async function withRegistrants(capacity: number, users: string[]) {
  const t = createTestPorts();
  await t.deps.sessions.insert(session({ id: 's1', capacity }));
  for (const user of users) await registerForSession(t.deps, actor(user), 's1');
  const statuses = async () => Object.fromEntries((await t.deps.registrations.listBySession(scope, 's1')).map((registration) => [registration.userId, registration.status]));
  return { ...t, statuses };
}

describe('organizer session changes', () => {
  it('more seats promote from the waitlist; fewer than taken is refused and changes nothing', async () => {
    const t = await withRegistrants(1, ['ann', 'bob', 'cat']);
    const grown = await updateSession(t.deps, organizer, 's1', { capacity: 2 });
    expect(grown).toMatchObject({ session: { capacity: 2 }, seatsTaken: 2 });
    expect(await t.statuses()).toEqual({ ann: 'confirmed', bob: 'confirmed', cat: 'waitlisted' });
    const refused = await updateSession(t.deps, organizer, 's1', { capacity: 1 }).catch((error: CampusError) => error);
    expect(refused).toMatchObject({ code: 'CAMPUS_ERR_CAPACITY_BELOW_TAKEN', details: { seatsTaken: 2, field: '/capacity' } });
    expect((await t.deps.sessions.findById(scope, 's1'))?.capacity).toBe(2);
  });

  it('a new time updates the Outlook event and tells everyone registered; a title change updates the event only', async () => {
    const t = await withRegistrants(1, ['ann', 'bob']);
    await updateSession(t.deps, organizer, 's1', { title: 'Renamed' });
    expect(t.calendar.at(-1)).toBe('update s1');
    expect(t.notifications.filter((notification) => notification.kind === 'rescheduled')).toHaveLength(0);
    const moved = await updateSession(t.deps, organizer, 's1', {
      start: { dateTime: '2030-01-16T14:00', timeZone: 'Europe/Paris' },
      end: { dateTime: '2030-01-16T15:00', timeZone: 'Europe/Paris' },
    });
    expect(moved.session).toMatchObject({ title: 'Renamed', startsAt: new Date(Date.UTC(2030, 0, 16, 13)), start: { dateTime: '2030-01-16T14:00:00' } });
    expect(t.notifications.filter((notification) => notification.kind === 'rescheduled').map((notification) => notification.userId).sort()).toEqual(['ann', 'bob']);
  });

  it('only organizers change sessions, and never after the start or once cancelled', async () => {
    const t = await withRegistrants(1, ['ann']);
    expect(await codeOf(updateSession(t.deps, actor('ann'), 's1', { title: 'Mine now' }))).toBe('CAMPUS_ERR_FORBIDDEN');
    expect(await codeOf(updateSession(t.deps, organizer, 's1', { end: { dateTime: '2030-01-15T08:00', timeZone: 'UTC' } }))).toBe('CAMPUS_ERR_VALIDATION');
    t.clock.at = new Date(Date.UTC(2030, 0, 15, 9, 30));
    expect(await codeOf(updateSession(t.deps, organizer, 's1', { title: 'Late' }))).toBe('CAMPUS_ERR_SESSION_NOT_OPEN');
    expect((await t.deps.sessions.findById(scope, 's1'))?.title).toBe('Session s1');
  });

  it('cancelling a session cancels every registration, tells each person, promotes nobody and cancels the event once', async () => {
    const t = await withRegistrants(1, ['ann', 'bob']);
    const cancelled = await cancelSession(t.deps, organizer, 's1', 'The presenter is ill');
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellation: { byUserId: 'olga', message: 'The presenter is ill' } });
    expect(await t.statuses()).toEqual({ ann: 'cancelled', bob: 'cancelled' });
    expect(t.notifications.filter((notification) => notification.kind === 'sessionCancelled').map((notification) => notification.userId).sort()).toEqual(['ann', 'bob']);
    expect(t.notifications.filter((notification) => notification.kind === 'promoted')).toEqual([]);
    expect(t.calendar.filter((entry) => entry.startsWith('cancel'))).toEqual(['cancel s1: The presenter is ill']);
    expect(t.calendar.filter((entry) => entry === 'sync s1')).toHaveLength(1);
    expect(await codeOf(registerForSession(t.deps, actor('cat'), 's1'))).toBe('CAMPUS_ERR_SESSION_NOT_OPEN');
    expect(await codeOf(cancelSession(t.deps, actor('ann'), 's1', 'no'))).toBe('CAMPUS_ERR_FORBIDDEN');
  });
});
