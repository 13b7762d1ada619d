import { describe, expect, it } from 'vitest';
import { createRegistrationRepository } from './registration-repository.js';
import { registrationFixture, useTestDatabase } from './test-support.js';

const store = useTestDatabase('registrations');
const contoso = { tenantId: 'tenant-contoso' };
const fabrikam = { tenantId: 'tenant-fabrikam' };

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

    const found = await registrations.findByUser(contoso, 's-1', 'u-1');
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
    expect((await registrations.findByUser(contoso, 's-shared', 'u-shared'))?.id).toBe('t-c');
    expect((await registrations.findByUser(fabrikam, 's-shared', 'u-shared'))?.id).toBe('t-f');
    expect((await registrations.listByUser(fabrikam, 'u-shared')).map((r) => r.id)).toEqual(['t-f']);

    // Writes through another tenant's scope touch nothing.
    await registrations.confirm(fabrikam, 't-c', 3, new Date());
    await registrations.markInvitesSent(fabrikam, ['t-c']);
    await registrations.delete(fabrikam, 't-c');
    const untouched = await registrations.findByUser(contoso, 's-shared', 'u-shared');
    expect(untouched).toMatchObject({ id: 't-c', status: 'requested', seat: null, invite: 'pending' });
  });

  it('confirms with a seat, lists by session and by user, marks invites sent and deletes', async () => {
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
    await registrations.confirm(scope, 'l-1', 7, confirmedAt);
    expect(await registrations.findByUser(scope, 's-a', 'u-1')).toMatchObject({
      status: 'confirmed',
      seat: 7,
      updatedAt: confirmedAt,
      invite: 'pending',
    });
    expect((await registrations.listBySession(scope, 's-a')).map((r) => r.id)).toEqual(['l-1', 'l-2']);
    expect((await registrations.listByUser(scope, 'u-1')).map((r) => r.id)).toEqual(['l-1', 'l-3']);

    await registrations.markInvitesSent(scope, ['l-1']);
    await registrations.markInvitesSent(scope, []);
    expect((await registrations.findByUser(scope, 's-a', 'u-1'))?.invite).toBe('sent');
    expect((await registrations.findByUser(scope, 's-a', 'u-2'))?.invite).toBe('pending');

    await registrations.delete(scope, 'l-2');
    expect(await registrations.findByUser(scope, 's-a', 'u-2')).toBeNull();
    // The user may register again after a deletion.
    expect(await registrations.insert(made('l-2b', 's-a', 'u-2', 4))).toBe('inserted');
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

    await registrations.markInvitesSent({ tenantId: 'tenant-pi-a' }, ['pi-1', 'pi-2']);
    const after = (await registrations.listSessionsWithPendingInvites(1000)).filter((entry) =>
      entry.tenantId.startsWith('tenant-pi-'),
    );
    expect(after).toEqual([
      { tenantId: 'tenant-pi-b', sessionId: 'pi-s1' },
      { tenantId: 'tenant-pi-a', sessionId: 'pi-s3' },
    ]);
    expect(await registrations.listSessionsWithPendingInvites(1)).toHaveLength(1);
  });
});
