import { describe, expect, it } from 'vitest';
import type { Registration, RegistrationChange } from '../../domain/registrations/registration.js';
import { createRegistrationRepository } from './registration-repository.js';
import { registrationFixture, useTestDatabase } from './test-support.js';

const store = useTestDatabase('registrations');
const contoso = { tenantId: 'tenant-contoso' };
const fabrikam = { tenantId: 'tenant-fabrikam' };

/** A change of `registration` to `to` at `version`, as the history would record it. */
function changeOf(
  registration: Registration,
  to: RegistrationChange['to'],
  version: number,
  seat: number | null,
  at = new Date(Date.UTC(2030, 0, 5, 12)),
): RegistrationChange {
  return {
    tenantId: registration.tenantId,
    sessionId: registration.sessionId,
    registrationId: registration.id,
    userId: registration.userId,
    version,
    from: registration.status,
    to,
    at,
    by: { userId: registration.userId, role: 'employee' },
    reason: null,
    state: { status: to, seat, arrival: registration.arrival, closedBy: null },
  };
}

describe('registration repository', () => {
  it('round-trips a registration: dates stay Date, nulls stay null', async () => {
    const registrations = createRegistrationRepository(store.db());
    const registration = registrationFixture({
      id: 'r-1',
      tenantId: contoso.tenantId,
      sessionId: 's-1',
      userId: 'u-1',
    });
    expect(await registrations.insert(registration)).toBe('inserted');

    const found = await registrations.findById(contoso, 'r-1');
    expect(found).toEqual(registration);
    expect(found?.seat).toBeNull();
    expect(found?.createdAt).toBeInstanceOf(Date);
  });

  it('answers duplicate for a second registration of the same user for the same session', async () => {
    const registrations = createRegistrationRepository(store.db());
    const first = registrationFixture({
      id: 'd-1',
      tenantId: contoso.tenantId,
      sessionId: 's-dup',
      userId: 'u-dup',
    });
    expect(await registrations.insert(first)).toBe('inserted');
    expect(await registrations.insert({ ...first, id: 'd-2' })).toBe('duplicate');
    expect(await registrations.insert(first)).toBe('duplicate');
    expect((await registrations.listBySession(contoso, 's-dup')).map((r) => r.id)).toEqual(['d-1']);
  });

  it('lets exactly one of many concurrent registrations of the same user in', async () => {
    const registrations = createRegistrationRepository(store.db());
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        registrations.insert(
          registrationFixture({
            id: `c-${index}`,
            tenantId: contoso.tenantId,
            sessionId: 's-race',
            userId: 'u-race',
          }),
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'inserted')).toHaveLength(1);
    expect(await registrations.listBySession(contoso, 's-race')).toHaveLength(1);
  });

  it('keeps tenants apart: the same session and user ids in two tenants are separate registrations', async () => {
    const registrations = createRegistrationRepository(store.db());
    const ids = { sessionId: 's-shared', userId: 'u-shared' };
    expect(
      await registrations.insert(registrationFixture({ id: 't-c', tenantId: contoso.tenantId, ...ids })),
    ).toBe('inserted');
    expect(
      await registrations.insert(registrationFixture({ id: 't-f', tenantId: fabrikam.tenantId, ...ids })),
    ).toBe('inserted');
    expect((await registrations.findById(contoso, 't-c'))?.id).toBe('t-c');
    expect(await registrations.findById(contoso, 't-f')).toBeNull();
    expect((await registrations.findById(fabrikam, 't-f'))?.id).toBe('t-f');
    expect((await registrations.listByUser(fabrikam, 'u-shared')).map((r) => r.id)).toEqual(['t-f']);

    // Writes through another tenant's scope touch nothing.
    const other = (await registrations.findById(contoso, 't-c'))!;
    await registrations.applyChange(fabrikam, changeOf(other, 'confirmed', 2, 3));
    await registrations.markInvites(fabrikam, ['t-c'], 'sent');
    expect(await registrations.findById(fabrikam, 't-c')).toBeNull();
    const untouched = await registrations.findById(contoso, 't-c');
    expect(untouched).toMatchObject({ id: 't-c', status: 'requested', seat: null, invite: 'pending' });
  });

  it('applies changes, lists by session and by user, and marks invites sent', async () => {
    const scope = { tenantId: 'tenant-lifecycle' };
    const registrations = createRegistrationRepository(store.db());
    const made = (id: string, sessionId: string, userId: string, day: number) =>
      registrationFixture({
        id,
        tenantId: scope.tenantId,
        sessionId,
        userId,
        createdAt: new Date(Date.UTC(2030, 0, day)),
        updatedAt: new Date(Date.UTC(2030, 0, day)),
      });
    await registrations.insert(made('l-2', 's-a', 'u-2', 2));
    await registrations.insert(made('l-1', 's-a', 'u-1', 1));
    await registrations.insert(made('l-3', 's-b', 'u-1', 3));

    const confirmedAt = new Date(Date.UTC(2030, 0, 5, 12));
    await registrations.applyChange(
      scope,
      changeOf(made('l-1', 's-a', 'u-1', 1), 'confirmed', 2, 7, confirmedAt),
    );
    expect(await registrations.findById(scope, 'l-1')).toMatchObject({
      status: 'confirmed',
      seat: 7,
      version: 2,
      updatedAt: confirmedAt,
      invite: 'pending',
    });
    expect((await registrations.listBySession(scope, 's-a')).map((r) => r.id)).toEqual(['l-1', 'l-2']);
    expect((await registrations.listByUser(scope, 'u-1')).map((r) => r.id)).toEqual(['l-1', 'l-3']);

    await registrations.markInvites(scope, ['l-1'], 'sent');
    await registrations.markInvites(scope, [], 'sent');
    expect((await registrations.findById(scope, 'l-1'))?.invite).toBe('sent');
    expect((await registrations.findById(scope, 'l-2'))?.invite).toBe('pending');
  });

  it('applies changes forward only, and entering confirmed again makes the invite pending', async () => {
    const scope = { tenantId: 'tenant-forward' };
    const registrations = createRegistrationRepository(store.db());
    const registration = registrationFixture({
      id: 'f-1',
      tenantId: scope.tenantId,
      sessionId: 's-f',
      userId: 'u-f',
    });
    await registrations.insert(registration);
    await registrations.applyChange(scope, changeOf(registration, 'confirmed', 2, 1));
    await registrations.markInvites(scope, ['f-1'], 'sent');
    await registrations.applyChange(
      scope,
      changeOf({ ...registration, status: 'confirmed' }, 'cancelled', 3, null),
    );
    // A slow writer of version 2 arrives late: it must not bring the registration back.
    await registrations.applyChange(scope, changeOf(registration, 'confirmed', 2, 1));
    expect(await registrations.findById(scope, 'f-1')).toMatchObject({
      status: 'cancelled',
      seat: null,
      version: 3,
      invite: 'sent',
    });
    await registrations.applyChange(
      scope,
      changeOf({ ...registration, status: 'cancelled' }, 'requested', 4, null),
    );
    await registrations.applyChange(
      scope,
      changeOf({ ...registration, status: 'requested' }, 'confirmed', 5, 2),
    );
    expect(await registrations.findById(scope, 'f-1')).toMatchObject({
      status: 'confirmed',
      seat: 2,
      version: 5,
      invite: 'pending',
    });
  });

  it('reads registrations stored before versions and arrivals existed as version 1, arriving at creation', async () => {
    const scope = { tenantId: 'tenant-legacy' };
    const createdAt = new Date(Date.UTC(2029, 5, 1));
    await store
      .db()
      .collection('registrations')
      .insertOne({
        _id: 'legacy-1' as never,
        tenantId: scope.tenantId,
        sessionId: 's-l',
        userId: 'u-l',
        displayName: 'L',
        mail: 'l@x',
        status: 'confirmed',
        seat: 4,
        invite: 'sent',
        createdAt,
        updatedAt: createdAt,
      });
    const registrations = createRegistrationRepository(store.db());
    const legacy = (await registrations.findById(scope, 'legacy-1'))!;
    expect(legacy).toMatchObject({ version: 1, arrival: { at: createdAt, seq: 0 }, closedBy: null });
    await registrations.applyChange(scope, changeOf(legacy, 'cancelled', 2, null));
    expect(await registrations.findById(scope, 'legacy-1')).toMatchObject({
      status: 'cancelled',
      version: 2,
    });
  });

  it('serves the waitlist in arrival order (time, then counter, then id)', async () => {
    const scope = { tenantId: 'tenant-waitlist' };
    const registrations = createRegistrationRepository(store.db());
    const at = new Date(Date.UTC(2030, 1, 1, 9));
    const later = new Date(at.getTime() + 1);
    const waiting = (
      id: string,
      arrivalAt: Date,
      seq: number,
      status: Registration['status'] = 'waitlisted',
    ) =>
      registrationFixture({
        id,
        tenantId: scope.tenantId,
        sessionId: 's-w',
        userId: `u-${id}`,
        status,
        arrival: { at: arrivalAt, seq },
      });
    for (const registration of [
      waiting('w-d', later, 1),
      waiting('w-c', at, 7),
      waiting('w-b', at, 3),
      waiting('w-a2', at, 3),
      waiting('w-x', at, 1, 'confirmed'),
      waiting('w-e', later, 0, 'cancelled'),
    ]) {
      await registrations.insert(registration);
    }
    const queue = await registrations.listWaitlisted(scope, 's-w', 10);
    expect(queue.map((registration) => registration.id)).toEqual(['w-a2', 'w-b', 'w-c', 'w-d']);
    expect(
      (await registrations.listWaitlisted(scope, 's-w', 2)).map((registration) => registration.id),
    ).toEqual(['w-a2', 'w-b']);
  });

  it('lists registrations left in a passing state before a time, across tenants', async () => {
    const registrations = createRegistrationRepository(store.db());
    const old = new Date(Date.UTC(2020, 0, 1));
    const recent = new Date(Date.UTC(2020, 0, 3));
    const add = (id: string, tenantId: string, status: Registration['status'], updatedAt: Date) =>
      registrations.insert(
        registrationFixture({ id, tenantId, sessionId: 's-u', userId: id, status, updatedAt }),
      );
    await add('u-req', 'tenant-u1', 'requested', old);
    await add('u-pro', 'tenant-u2', 'promoted', old);
    await add('u-app', 'tenant-u1', 'approved', old);
    await add('u-conf', 'tenant-u1', 'confirmed', old);
    await add('u-fresh', 'tenant-u1', 'requested', recent);
    const unsettled = await registrations.listUnsettled(new Date(Date.UTC(2020, 0, 2)), 100);
    expect(unsettled.map((registration) => registration.id).sort()).toEqual(['u-app', 'u-pro', 'u-req']);
  });

  it('lists sessions with confirmed registrations whose invites are pending, across tenants, once each', async () => {
    const registrations = createRegistrationRepository(store.db());
    const add = async (
      id: string,
      tenantId: string,
      sessionId: string,
      status: 'requested' | 'confirmed',
      day: number,
    ) => {
      const date = new Date(Date.UTC(2031, 0, day));
      await registrations.insert(
        registrationFixture({
          id,
          tenantId,
          sessionId,
          userId: id,
          status,
          createdAt: date,
          updatedAt: date,
        }),
      );
    };
    await add('pi-1', 'tenant-pi-a', 'pi-s1', 'confirmed', 3);
    await add('pi-2', 'tenant-pi-a', 'pi-s1', 'confirmed', 4);
    await add('pi-3', 'tenant-pi-b', 'pi-s1', 'confirmed', 1);
    await add('pi-4', 'tenant-pi-a', 'pi-s2', 'requested', 2);
    await add('pi-5', 'tenant-pi-a', 'pi-s3', 'confirmed', 2);

    const pending = (await registrations.listSessionsWithPendingInvites(1000)).filter((entry) =>
      entry.tenantId.startsWith('tenant-pi-'),
    );
    // Longest-waiting first; a requested registration has no seat yet, so nothing to invite for pi-s2.
    expect(pending).toEqual([
      { tenantId: 'tenant-pi-b', sessionId: 'pi-s1' },
      { tenantId: 'tenant-pi-a', sessionId: 'pi-s3' },
      { tenantId: 'tenant-pi-a', sessionId: 'pi-s1' },
    ]);

    await registrations.markInvites({ tenantId: 'tenant-pi-a' }, ['pi-1', 'pi-2'], 'sent');
    const after = (await registrations.listSessionsWithPendingInvites(1000)).filter((entry) =>
      entry.tenantId.startsWith('tenant-pi-'),
    );
    expect(after).toEqual([
      { tenantId: 'tenant-pi-b', sessionId: 'pi-s1' },
      { tenantId: 'tenant-pi-a', sessionId: 'pi-s3' },
    ]);
    expect(await registrations.listSessionsWithPendingInvites(1)).toHaveLength(1);
  });

  it('lists sessions where someone left but is still on the Outlook event, until that is recorded', async () => {
    const registrations = createRegistrationRepository(store.db());
    const scope = { tenantId: 'tenant-pw' };
    const add = (
      id: string,
      sessionId: string,
      status: 'cancelled' | 'requested' | 'attended' | 'confirmed',
      invite: 'sent' | 'pending',
    ) =>
      registrations.insert(
        registrationFixture({ id, tenantId: scope.tenantId, sessionId, userId: id, status, invite }),
      );
    await add('pw-cancelled', 'pw-s1', 'cancelled', 'sent');
    await add('pw-again', 'pw-s2', 'requested', 'sent');
    await add('pw-attended', 'pw-s3', 'attended', 'sent');
    await add('pw-never-on', 'pw-s4', 'cancelled', 'pending');
    await add('pw-on', 'pw-s5', 'confirmed', 'sent');
    const owed = async () =>
      (await registrations.listSessionsWithPendingInvites(1000))
        .filter((entry) => entry.tenantId === scope.tenantId)
        .map((entry) => entry.sessionId)
        .sort();
    expect(await owed()).toEqual(['pw-s1', 'pw-s2']);

    await registrations.markInvites(scope, ['pw-cancelled', 'pw-again'], 'pending');
    expect(await owed()).toEqual([]);
  });
});
