import { describe, expect, it } from 'vitest';
import { createMemoryDirectory } from './directory-fakes.js';
import { computeManagerChains, refreshChainsBelow } from './manager-chains.js';

const scope = { tenantId: 'tenant-chains' };

describe('computeManagerChains', () => {
  it('lists the managers above each person, nearest first, at any depth', () => {
    const managerOf = new Map<string, string | null>([
      ['ceo', null],
      ['exec', 'ceo'],
      ['director', 'exec'],
      ['manager', 'director'],
      ['lead', 'manager'],
      ['associate', 'lead'],
    ]);
    const chains = computeManagerChains(managerOf, ['associate', 'ceo', 'director']);
    expect(chains.get('associate')).toEqual(['lead', 'manager', 'director', 'exec', 'ceo']);
    expect(chains.get('director')).toEqual(['exec', 'ceo']);
    expect(chains.get('ceo')).toEqual([]);
  });

  it('names a manager missing from the directory and stops there', () => {
    const chains = computeManagerChains(new Map([['a', 'outsider']]), ['a']);
    expect(chains.get('a')).toEqual(['outsider']);
  });

  it('ends a reporting cycle before the first repeat, for everyone in or under it', () => {
    const managerOf = new Map<string, string | null>([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['d', 'a'],
      ['self', 'self'],
    ]);
    const chains = computeManagerChains(managerOf, ['a', 'b', 'c', 'd', 'self']);
    expect(chains.get('a')).toEqual(['b', 'c']);
    expect(chains.get('b')).toEqual(['c', 'a']);
    expect(chains.get('c')).toEqual(['a', 'b']);
    expect(chains.get('d')).toEqual(['a', 'b', 'c']);
    expect(chains.get('self')).toEqual([]);
  });
});

describe('refreshChainsBelow', () => {
  it('rewrites the chains of people whose manager changed and of everyone below them, and only those that changed', async () => {
    const directory = createMemoryDirectory();
    const at = new Date();
    await directory.upsertMany(
      scope,
      [
        { id: 'ceo', managerId: null, managerChain: [] },
        { id: 'vp1', managerId: 'ceo', managerChain: ['ceo'] },
        { id: 'vp2', managerId: 'ceo', managerChain: ['ceo'] },
        // lead moved from vp1 to vp2: its stored chain is the old one.
        { id: 'lead', managerId: 'vp2', managerChain: ['vp1', 'ceo'] },
        { id: 'dev', managerId: 'lead', managerChain: ['lead', 'vp1', 'ceo'] },
        { id: 'intern', managerId: 'dev', managerChain: ['dev', 'lead', 'vp1', 'ceo'] },
        { id: 'other', managerId: 'vp1', managerChain: ['vp1', 'ceo'] },
      ],
      at,
    );
    directory.writes = 0;

    expect(await refreshChainsBelow(directory, scope, ['lead'])).toBe(3);
    expect((await directory.findById(scope, 'lead'))?.managerChain).toEqual(['vp2', 'ceo']);
    expect((await directory.findById(scope, 'dev'))?.managerChain).toEqual(['lead', 'vp2', 'ceo']);
    expect((await directory.findById(scope, 'intern'))?.managerChain).toEqual(['dev', 'lead', 'vp2', 'ceo']);
    expect((await directory.findById(scope, 'other'))?.managerChain).toEqual(['vp1', 'ceo']);
    expect(directory.writes).toBe(3);
    expect(await refreshChainsBelow(directory, scope, ['lead'])).toBe(0);
  });
});
