import { describe, expect, it } from 'vitest';
import type { RegistrationChange } from '../../domain/registrations/registration.js';
import { createRegistrationHistoryStore } from './registration-history-store.js';
import { useTestDatabase } from './test-support.js';

const store = useTestDatabase('registration_history');

function change(tenantId: string, registrationId: string, version: number, to: RegistrationChange['to']): RegistrationChange {
  const at = new Date(Date.UTC(2030, 0, 1, 9, version));
  return {
    tenantId,
    sessionId: 's-1',
    registrationId,
    userId: 'u-1',
    version,
    from: version === 1 ? null : 'requested',
    to,
    at,
    by: version === 1 ? { userId: 'u-1', role: 'employee' } : { userId: null, role: 'system' },
    reason: version === 1 ? null : 'a seat freed up',
    state: { status: to, seat: to === 'confirmed' ? 3 : null, arrival: { at, seq: 2 }, closedBy: null },
  };
}

describe('registration history store', () => {
  it('appends each version once and reads them back in order, latest last', async () => {
    const history = createRegistrationHistoryStore(store.db());
    const scope = { tenantId: 'tenant-h' };
    expect(await history.append(change(scope.tenantId, 'r-1', 1, 'requested'))).toBe('appended');
    expect(await history.append(change(scope.tenantId, 'r-1', 2, 'confirmed'))).toBe('appended');
    expect(await history.append(change(scope.tenantId, 'r-1', 2, 'waitlisted'))).toBe('conflict');
    expect(await history.listByRegistration(scope, 'r-1', 3)).toEqual([change(scope.tenantId, 'r-1', 1, 'requested'), change(scope.tenantId, 'r-1', 2, 'confirmed')]);
    expect(await history.listByRegistration(scope, 'r-1', 1)).toEqual([change(scope.tenantId, 'r-1', 1, 'requested')]);
    expect(await history.find(scope, 'r-1', 2)).toEqual(change(scope.tenantId, 'r-1', 2, 'confirmed'));
    expect(await history.find(scope, 'r-1', 3)).toBeNull();
    expect(await history.find(scope, 'r-none', 1)).toBeNull();
  });

  it('lets exactly one of many concurrent changes from the same version happen', async () => {
    const history = createRegistrationHistoryStore(store.db());
    const outcomes = await Promise.all(
      Array.from({ length: 25 }, (_, index) => history.append(change('tenant-race', 'r-race', 2, index % 2 ? 'cancelled' : 'confirmed'))),
    );
    expect(outcomes.filter((outcome) => outcome === 'appended')).toHaveLength(1);
    expect(await history.listByRegistration({ tenantId: 'tenant-race' }, 'r-race', 2)).toHaveLength(1);
  });

  it('keeps tenants apart', async () => {
    const history = createRegistrationHistoryStore(store.db());
    await history.append(change('tenant-a', 'r-a', 1, 'requested'));
    expect(await history.listByRegistration({ tenantId: 'tenant-b' }, 'r-a', 1)).toEqual([]);
    expect(await history.find({ tenantId: 'tenant-b' }, 'r-a', 1)).toBeNull();
  });
});
