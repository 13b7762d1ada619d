import { describe, expect, it } from 'vitest';
import type { DirectoryChange } from '../../domain/directory/directory-person.js';
import { createDirectoryIndexRegistry } from '../../domain/audiences/directory-index-registry.js';
import type { DirectoryIndex } from '../../domain/audiences/directory-index.js';
import { mirrorDirectoryChanges } from '../../domain/audiences/mirror-directory-changes.js';
import { pid } from '../../domain/audiences/test-support.js';
import { createAudienceDirectorySource } from './audience-directory-source.js';
import { createDirectoryStore } from './directory-store.js';
import { useTestDatabase } from './test-support.js';

const store = useTestDatabase('audience_directory');
const quiet = { info: () => undefined, warn: () => undefined };
const options = { settleMs: 60_000, maxWaitMs: 60_000 };

function change(n: number, overrides: Partial<DirectoryChange> = {}): DirectoryChange {
  return {
    id: pid(n),
    displayName: `Person ${n}`,
    mail: `p${n}@contoso.test`,
    userPrincipalName: `p${n}@contoso.test`,
    jobTitle: n % 2 ? 'Analyst' : 'Engineer',
    department: n % 3 ? 'Sales' : 'Finance',
    officeLocation: 'London',
    city: 'London',
    country: 'United Kingdom',
    employeeType: 'Employee',
    accountEnabled: true,
    managerId: n === 1 ? null : pid(1),
    ...overrides,
  };
}

const everyone = (index: DirectoryIndex) => [...index.people()];

describe('the audience index over the stored directory', () => {
  it('ends where the store ends: writes repeated in memory equal a fresh read of the collection', async () => {
    const scope = { tenantId: 'tenant-mirror' };
    const source = createAudienceDirectorySource(store.db());
    const followed = createDirectoryIndexRegistry(source, quiet, options);
    const directory = mirrorDirectoryChanges(createDirectoryStore(store.db()), followed);
    expect((await followed.current(scope)).size).toBe(0);

    const round = new Date(Date.UTC(2030, 0, 1));
    // A full round writes each person once, with the manager chain and profile read with the page.
    const writes = Array.from({ length: 250 }, (_, n) => ({ ...change(n + 1), managerChain: n === 0 ? [] : [pid(1)], skills: n % 10 ? [] : ['Excel macros'], responsibilities: [], aboutMe: n % 10 ? null : 'Excel macros for month-end', timeZone: 'GMT Standard Time' }));
    await directory.upsertMany(scope, writes, round);
    await directory.setProfiles(scope, [
      { id: pid(2), skills: ['SAP', 'Power BI'], responsibilities: ['Month-end close'], aboutMe: 'Ask me about SAP.', timeZone: 'GMT Standard Time' },
      { id: pid(9999), skills: ['Nobody'], responsibilities: [], aboutMe: null, timeZone: null },
    ]);
    const next = new Date(round.getTime() + 3_600_000);
    // An incremental round: a move between departments, a new manager, a disabled account, someone deleted.
    await directory.upsertMany(scope, [{ id: pid(3), department: 'Marketing' }, { id: pid(4), managerId: pid(2) }, { id: pid(5), accountEnabled: false }], next);
    await directory.markDeleted(scope, [pid(6)], next);
    const fullRound = new Date(next.getTime() + 3_600_000);
    // A full round that reports the first 240 people but the deleted one, in writes of fewer than 100 updates each
    // (FerretDB 1.24 never answers an update command of 100 statements or more).
    for (let start = 0; start < 240; start += 80) {
      const reported = Array.from({ length: 80 }, (_, n) => start + n + 1).filter((n) => n !== 6);
      await directory.upsertMany(scope, reported.map((n) => ({ id: pid(n) })), fullRound);
    }
    await directory.markDeletedUnlessSyncedSince(scope, fullRound);

    const mirrored = await followed.current(scope);
    const fresh = await createDirectoryIndexRegistry(source, quiet, options).current(scope);
    expect(fresh.size).toBe(250);
    expect(everyone(mirrored)).toEqual(everyone(fresh));
    expect(fresh.person(fresh.rowOf(pid(2)))).toMatchObject({ skills: ['SAP', 'Power BI'], aboutMeWords: ['sap'], timeZone: 'GMT Standard Time' });
    expect(fresh.value('department', fresh.rowOf(pid(3)))).toBe('Marketing');
    expect(fresh.person(fresh.rowOf(pid(11)))).toMatchObject({ skills: ['Excel macros'], aboutMeWords: ['excel', 'macros', 'month', 'end'], timeZone: 'GMT Standard Time' });
    expect(fresh.managerIds[fresh.rowOf(pid(4))]).toBe(pid(2));
    expect([pid(5), pid(6), pid(241)].map((id) => fresh.eligible.has(fresh.rowOf(id)))).toEqual([false, false, false]);
    expect(fresh.eligible.count()).toBe(238);
  });

  it('reads one tenant only', async () => {
    const source = createAudienceDirectorySource(store.db());
    const directory = createDirectoryStore(store.db());
    await directory.upsertMany({ tenantId: 'tenant-x' }, [change(1), change(2)], new Date());
    await directory.upsertMany({ tenantId: 'tenant-y' }, [change(3)], new Date());
    const index = await createDirectoryIndexRegistry(source, quiet, options).current({ tenantId: 'tenant-x' });
    expect(index.ids).toEqual([pid(1), pid(2)]);
  });
});
