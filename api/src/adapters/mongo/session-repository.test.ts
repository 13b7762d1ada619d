import { describe, expect, it } from 'vitest';
import type { CampusError } from '../../errors.js';
import { createSessionRepository } from './session-repository.js';
import { sessionFixture, useTestDatabase } from './test-support.js';

const store = useTestDatabase('sessions');
const contoso = { tenantId: 'tenant-contoso' };
const fabrikam = { tenantId: 'tenant-fabrikam' };
const at = (day: number, hour = 9) => new Date(Date.UTC(2030, 2, day, hour));

describe('session repository', () => {
  it('round-trips a session: dates stay Date, nulls stay null', async () => {
    const sessions = createSessionRepository(store.db());
    const session = sessionFixture({ id: 'rt-1', tenantId: contoso.tenantId, location: null });
    await sessions.insert(session);

    const found = await sessions.findById(contoso, 'rt-1');
    expect(found).toEqual(session);
    expect(found?.startsAt).toBeInstanceOf(Date);
    expect(found?.calendar.eventId).toBeNull();
    expect(found?.location).toBeNull();

    const withLocation = sessionFixture({
      id: 'rt-2',
      tenantId: contoso.tenantId,
      online: false,
      location: 'Room 4',
    });
    await sessions.insert(withLocation);
    expect(await sessions.findById(contoso, 'rt-2')).toEqual(withLocation);
    expect(await sessions.findById(contoso, 'missing')).toBeNull();
  });

  it('keeps tenants apart: another tenant neither sees nor changes a session, even by its id', async () => {
    const sessions = createSessionRepository(store.db());
    await sessions.insert(
      sessionFixture({ id: 'contoso-1', tenantId: contoso.tenantId, title: 'Contoso talk' }),
    );
    await sessions.insert(
      sessionFixture({ id: 'fabrikam-1', tenantId: fabrikam.tenantId, title: 'Fabrikam talk' }),
    );

    expect(await sessions.findById(fabrikam, 'contoso-1')).toBeNull();
    expect((await sessions.findByIds(fabrikam, ['contoso-1', 'fabrikam-1'])).map((s) => s.title)).toEqual([
      'Fabrikam talk',
    ]);
    await sessions.recordCalendarEvent(fabrikam, 'contoso-1', { eventId: 'stolen', joinUrl: null });
    expect((await sessions.findById(contoso, 'contoso-1'))?.calendar.eventId).toBeNull();
    expect((await sessions.listAwaitingCalendarEvent(fabrikam, 100)).map((s) => s.id)).not.toContain(
      'contoso-1',
    );
    expect(await sessions.findByIds(contoso, [])).toEqual([]);
  });

  it('lists upcoming scheduled sessions by start, then id, with a cursor stable across equal start times', async () => {
    const scope = { tenantId: 'tenant-paging' };
    const sessions = createSessionRepository(store.db());
    const sameStart = at(10);
    // Inserted out of order; five share one start time, so only the id orders them.
    for (const id of ['p-e', 'p-b', 'p-d', 'p-a', 'p-c']) {
      await sessions.insert(sessionFixture({ id, tenantId: scope.tenantId, startsAt: sameStart }));
    }
    await sessions.insert(sessionFixture({ id: 'p-later', tenantId: scope.tenantId, startsAt: at(12) }));
    await sessions.insert(sessionFixture({ id: 'p-earlier', tenantId: scope.tenantId, startsAt: at(8) }));
    await sessions.insert(sessionFixture({ id: 'p-ended', tenantId: scope.tenantId, startsAt: at(1) }));
    await sessions.insert(
      sessionFixture({ id: 'p-cancelled', tenantId: scope.tenantId, startsAt: at(11), status: 'cancelled' }),
    );
    await sessions.insert(
      sessionFixture({ id: 'p-other-tenant', tenantId: 'tenant-other', startsAt: at(11) }),
    );

    const from = at(5);
    const seen: string[][] = [];
    let cursor: string | null = null;
    do {
      const page = await sessions.listUpcoming(scope, { from, limit: 2, cursor });
      seen.push(page.sessions.map((session) => session.id));
      cursor = page.nextCursor;
    } while (cursor !== null);

    expect(seen).toEqual([['p-earlier', 'p-a'], ['p-b', 'p-c'], ['p-d', 'p-e'], ['p-later']]);
    const all = await sessions.listUpcoming(scope, { from, limit: 7, cursor: null });
    expect(all.sessions).toHaveLength(7);
    expect(all.nextCursor).toBeNull();
  });

  it('includes a session that has started but not ended', async () => {
    const scope = { tenantId: 'tenant-running' };
    const sessions = createSessionRepository(store.db());
    await sessions.insert(sessionFixture({ id: 'running', tenantId: scope.tenantId, startsAt: at(3, 9) }));
    const page = await sessions.listUpcoming(scope, {
      from: new Date(at(3, 9).getTime() + 1_800_000),
      limit: 5,
      cursor: null,
    });
    expect(page.sessions.map((session) => session.id)).toEqual(['running']);
  });

  it('rejects a cursor it did not issue with CAMPUS_ERR_VALIDATION', async () => {
    const sessions = createSessionRepository(store.db());
    for (const cursor of ['not a cursor', Buffer.from('["x","y"]').toString('base64url'), '']) {
      const error = await sessions
        .listUpcoming(contoso, { from: at(1), limit: 5, cursor })
        .catch((caught: unknown) => caught);
      expect((error as CampusError).code).toBe('CAMPUS_ERR_VALIDATION');
    }
  });

  it('lists sessions awaiting their Outlook event until the event is recorded', async () => {
    const scope = { tenantId: 'tenant-calendar' };
    const sessions = createSessionRepository(store.db());
    await sessions.insert(sessionFixture({ id: 'cal-2', tenantId: scope.tenantId, startsAt: at(20) }));
    await sessions.insert(sessionFixture({ id: 'cal-1', tenantId: scope.tenantId, startsAt: at(19) }));
    await sessions.insert(
      sessionFixture({
        id: 'cal-cancelled',
        tenantId: scope.tenantId,
        startsAt: at(19),
        status: 'cancelled',
      }),
    );
    await sessions.insert(
      sessionFixture({ id: 'cal-elsewhere', tenantId: 'tenant-calendar-2', startsAt: at(18) }),
    );

    expect((await sessions.listAwaitingCalendarEvent(scope, 10)).map((s) => s.id)).toEqual([
      'cal-1',
      'cal-2',
    ]);
    const acrossTenants = (await sessions.listAwaitingCalendarEvent(null, 1000)).map((s) => s.id);
    expect(acrossTenants).toEqual(expect.arrayContaining(['cal-1', 'cal-2', 'cal-elsewhere']));
    expect(acrossTenants).not.toContain('cal-cancelled');

    await sessions.recordCalendarEvent(scope, 'cal-1', {
      eventId: 'event-1',
      joinUrl: 'https://teams.example/join/1',
    });
    expect((await sessions.listAwaitingCalendarEvent(scope, 10)).map((s) => s.id)).toEqual(['cal-2']);
    expect((await sessions.findById(scope, 'cal-1'))?.calendar).toEqual({
      ownerId: 'presenter-1',
      transactionId: 'tx-cal-1',
      eventId: 'event-1',
      joinUrl: 'https://teams.example/join/1',
    });
  });

  it('keeps an owed Outlook update with the change that needs it, lists it across tenants, and clears only that one', async () => {
    const sessions = createSessionRepository(store.db());
    const scope = { tenantId: 'tenant-pending-update' };
    const now = at(1);
    await sessions.insert(sessionFixture({ id: 'pu-1', tenantId: scope.tenantId, startsAt: at(20) }));
    await sessions.insert(sessionFixture({ id: 'pu-2', tenantId: scope.tenantId, startsAt: at(21) }));
    await sessions.insert(
      sessionFixture({ id: 'pu-3', tenantId: 'tenant-pending-elsewhere', startsAt: at(22) }),
    );
    const owed = async () =>
      (await sessions.listPendingEventUpdates(now, 1000)).map((session) => [
        session.id,
        session.calendar.pendingUpdate,
      ]);

    await sessions.update(scope, 'pu-1', { title: 'Moved', updatedAt: now, pendingUpdate: 'change-1' });
    await sessions.markCancelled(
      { tenantId: 'tenant-pending-elsewhere' },
      'pu-3',
      { at: now, byUserId: 'o', message: 'Off' },
      'change-3',
    );
    await sessions.update(scope, 'pu-2', { capacity: 30, updatedAt: now });
    expect(await owed()).toEqual([
      ['pu-1', 'change-1'],
      ['pu-3', 'change-3'],
    ]);
    expect(await sessions.findById(scope, 'pu-1')).toMatchObject({
      title: 'Moved',
      calendar: { pendingUpdate: 'change-1' },
    });

    // A newer change replaced the one delivered: it stays owed.
    await sessions.update(scope, 'pu-1', { title: 'Moved again', updatedAt: now, pendingUpdate: 'change-2' });
    await sessions.clearPendingUpdate(scope, 'pu-1', 'change-1');
    expect((await sessions.findById(scope, 'pu-1'))?.calendar.pendingUpdate).toBe('change-2');
    await sessions.clearPendingUpdate(scope, 'pu-1', 'change-2');
    await sessions.clearPendingUpdate({ tenantId: 'tenant-pending-elsewhere' }, 'pu-3', 'change-3');
    expect(await owed()).toEqual([]);
    expect((await sessions.findById(scope, 'pu-1'))?.calendar.pendingUpdate).toBeUndefined();
    expect(await sessions.listPendingEventUpdates(at(25), 1000)).toEqual([]);
  });
});
