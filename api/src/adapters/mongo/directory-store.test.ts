import { describe, expect, it } from 'vitest';
import { fakeUser as person } from '../../domain/directory/directory-fakes.js';
import { createDirectoryStore } from './directory-store.js';
import { useTestDatabase } from './test-support.js';

const store = useTestDatabase('directory');
const contoso = { tenantId: 'tenant-contoso' };
const fabrikam = { tenantId: 'tenant-fabrikam' };
const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 9, minute));

describe('directory store', () => {
  it('inserts people with defaults, then applies partial changes without touching the rest', async () => {
    const directory = createDirectoryStore(store.db());
    await directory.upsertMany(contoso, [person('p1'), person('p2', { managerId: 'p1' })], at(0));
    await directory.setManagerChains(contoso, [{ id: 'p2', managerChain: ['p1'] }]);
    await directory.setProfiles(contoso, [
      {
        id: 'p2',
        skills: ['SAP'],
        responsibilities: ['Payroll'],
        aboutMe: 'Hi',
        timeZone: 'Romance Standard Time',
      },
    ]);

    await directory.upsertMany(contoso, [{ id: 'p2', department: 'Finance' }], at(5));

    expect(await directory.findById(contoso, 'p2')).toEqual({
      ...person('p2', { managerId: 'p1', department: 'Finance' }),
      tenantId: contoso.tenantId,
      managerChain: ['p1'],
      skills: ['SAP'],
      responsibilities: ['Payroll'],
      aboutMe: 'Hi',
      timeZone: 'Romance Standard Time',
      deleted: false,
      syncedAt: at(5),
    });
    expect(await directory.findById(contoso, 'p1')).toMatchObject({
      managerChain: [],
      skills: [],
      timeZone: null,
      aboutMe: null,
      syncedAt: at(0),
    });
    expect(await directory.findById(contoso, 'missing')).toBeNull();
  });

  it('merges two appearances of one person in a page, later properties winning', async () => {
    const directory = createDirectoryStore(store.db());
    await directory.upsertMany(
      contoso,
      [person('twice', { jobTitle: 'Intern' }), { id: 'twice', jobTitle: 'Analyst' }],
      at(0),
    );
    expect(await directory.findById(contoso, 'twice')).toMatchObject({
      jobTitle: 'Analyst',
      department: 'R&D',
    });
  });

  it('keeps tenants apart', async () => {
    const directory = createDirectoryStore(store.db());
    await directory.upsertMany(contoso, [person('shared-id', { displayName: 'Contoso person' })], at(0));
    await directory.upsertMany(fabrikam, [person('shared-id', { displayName: 'Fabrikam person' })], at(0));
    await directory.markDeleted(fabrikam, ['shared-id'], at(1));

    expect(await directory.findById(contoso, 'shared-id')).toMatchObject({
      displayName: 'Contoso person',
      deleted: false,
    });
    expect(
      (await directory.findByIds(fabrikam, ['shared-id'])).map((p) => [p.tenantId, p.displayName, p.deleted]),
    ).toEqual([[fabrikam.tenantId, 'Fabrikam person', true]]);
  });

  it('marks deletions, revives a person reported again, and retires everyone a full round did not see', async () => {
    const directory = createDirectoryStore(store.db());
    const scope = { tenantId: 'tenant-deletions' };
    await directory.upsertMany(scope, [person('d1'), person('d2'), person('d3')], at(0));
    await directory.markDeleted(scope, ['d1'], at(1));
    expect(await directory.findById(scope, 'd1')).toMatchObject({ deleted: true, displayName: 'Person d1' });

    await directory.upsertMany(scope, [person('d1'), person('d2')], at(10));
    expect(await directory.markDeletedUnlessSyncedSince(scope, at(10))).toBe(1);
    expect(
      (await directory.findByIds(scope, ['d1', 'd2', 'd3'])).map((p) => [p.id, p.deleted]).sort(),
    ).toEqual([
      ['d1', false],
      ['d2', false],
      ['d3', true],
    ]);
  });

  it('lists direct reports without deleted people, and the reporting lines below people through stored chains', async () => {
    const directory = createDirectoryStore(store.db());
    const scope = { tenantId: 'tenant-lines' };
    await directory.upsertMany(
      scope,
      [
        person('ceo'),
        person('vp', { managerId: 'ceo' }),
        person('lead', { managerId: 'vp' }),
        person('dev', { managerId: 'lead' }),
        person('gone', { managerId: 'vp', displayName: 'A gone person' }),
      ],
      at(0),
    );
    await directory.markDeleted(scope, ['gone'], at(1));
    await directory.setManagerChains(scope, [
      { id: 'vp', managerChain: ['ceo'] },
      { id: 'lead', managerChain: ['vp', 'ceo'] },
      { id: 'dev', managerChain: ['lead', 'vp', 'ceo'] },
    ]);

    expect((await directory.listReports(scope, 'vp')).map((p) => p.id)).toEqual(['lead']);
    expect((await directory.listManagerLinksUnder(scope, ['vp'])).map((link) => link.id).sort()).toEqual([
      'dev',
      'lead',
    ]);
    expect(await directory.findManagerLinks(scope, ['dev', 'nobody'])).toEqual([
      { id: 'dev', managerId: 'lead', managerChain: ['lead', 'vp', 'ceo'] },
    ]);
  });

  it('writes more people than one slice holds, new and stored mixed, with chains given on the write', async () => {
    const directory = createDirectoryStore(store.db());
    const scope = { tenantId: 'tenant-large' };
    const many = Array.from({ length: 1100 }, (_, index) => person(`m${String(index).padStart(4, '0')}`));
    await directory.upsertMany(scope, many.slice(0, 40), at(0));
    await directory.upsertMany(
      scope,
      many.map((change) => ({ ...change, jobTitle: 'Manager', managerChain: ['boss'] })),
      at(1),
    );
    // A sample across the slices: reading back every one of them would only test the store's read speed.
    const sample = [0, 39, 40, 999, 1000, 1099].map((index) => many[index]!.id);
    const found = await directory.findByIds(scope, sample);
    expect(found.map((p) => p.id)).toEqual(sample);
    expect(
      new Set(found.map((p) => `${p.jobTitle} ${p.managerChain.join()} ${p.syncedAt.toISOString()}`)),
    ).toEqual(new Set([`Manager boss ${at(1).toISOString()}`]));
  });

  it('updates more people in one call than FerretDB takes in one update command', async () => {
    const directory = createDirectoryStore(store.db());
    const scope = { tenantId: 'tenant-updates' };
    const ids = Array.from({ length: 105 }, (_, index) => `u${String(index).padStart(3, '0')}`);
    await directory.upsertMany(
      scope,
      ids.map((id) => person(id)),
      at(0),
    );
    await directory.setManagerChains(
      scope,
      ids.map((id) => ({ id, managerChain: ['boss'] })),
    );
    expect(await directory.findById(scope, 'u104')).toMatchObject({ managerChain: ['boss'] });
  });
});
