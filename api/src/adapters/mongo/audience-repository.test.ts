import { describe, expect, it } from 'vitest';
import type { SavedAudience } from '../../domain/audiences/audience.js';
import { createAudienceRepository } from './audience-repository.js';
import { useTestDatabase } from './test-support.js';

const store = useTestDatabase('audiences');
const scope = { tenantId: 'tenant-a' };
const other = { tenantId: 'tenant-b' };
const at = new Date(Date.UTC(2030, 0, 1, 9));

function audience(id: string, name: string, tenantId = scope.tenantId): SavedAudience {
  return {
    id,
    tenantId,
    name,
    description: null,
    rule: { all: [{ department: { is: ['Finance'] } }, { not: { jobTitle: { contains: 'intern' } } }] },
    createdBy: { id: 'organizer-1', displayName: 'Olga Organizer' },
    createdAt: at,
    updatedAt: at,
  };
}

describe('the audience repository', () => {
  it('stores an audience with its rule and finds it in its tenant only', async () => {
    const repository = createAudienceRepository(store.db());
    expect(await repository.insert(audience('a-1', 'Finance without interns'))).toBe('inserted');
    expect(await repository.findById(scope, 'a-1')).toEqual(audience('a-1', 'Finance without interns'));
    expect(await repository.findById(other, 'a-1')).toBeNull();
  });

  it('refuses a second audience of the same name in a tenant, whatever the case, but not in another tenant', async () => {
    const repository = createAudienceRepository(store.db());
    expect(await repository.insert(audience('b-1', 'London office'))).toBe('inserted');
    expect(await repository.insert(audience('b-2', 'LONDON OFFICE'))).toBe('nameTaken');
    expect(await repository.insert(audience('b-3', 'London office', other.tenantId))).toBe('inserted');
    expect(await repository.update(scope, 'a-1', { name: 'london Office', updatedAt: at })).toBe('nameTaken');
    expect((await repository.findById(scope, 'a-1'))?.name).toBe('Finance without interns');
  });

  it('updates name, description and rule, and says when there is nothing to update', async () => {
    const repository = createAudienceRepository(store.db());
    await repository.insert(audience('c-1', 'Engineering'));
    const later = new Date(at.getTime() + 60_000);
    expect(await repository.update(scope, 'c-1', { name: 'All engineering', description: 'Everyone who builds', rule: { city: { is: ['Paris'] } }, updatedAt: later })).toBe('updated');
    expect(await repository.findById(scope, 'c-1')).toMatchObject({ name: 'All engineering', description: 'Everyone who builds', rule: { city: { is: ['Paris'] } }, updatedAt: later, createdAt: at });
    expect(await repository.update(other, 'c-1', { description: null, updatedAt: later })).toBe('notFound');
  });

  it('lists by name in pages and deletes', async () => {
    const db = store.db();
    const repository = createAudienceRepository(db);
    const tenant = { tenantId: 'tenant-list' };
    for (const [id, name] of [['l-1', 'charlie'], ['l-2', 'Alpha'], ['l-3', 'bravo']] as const) await repository.insert(audience(id, name, tenant.tenantId));
    const first = await repository.list(tenant, { limit: 2, cursor: null });
    expect(first.audiences.map((entry) => entry.name)).toEqual(['Alpha', 'bravo']);
    const second = await repository.list(tenant, { limit: 2, cursor: first.nextCursor });
    expect(second).toMatchObject({ audiences: [{ name: 'charlie' }], nextCursor: null });
    await expect(repository.list(tenant, { limit: 2, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({ code: 'CAMPUS_ERR_VALIDATION' });
    expect(await repository.delete(tenant, 'l-1')).toBe(true);
    expect(await repository.delete(tenant, 'l-1')).toBe(false);
    expect((await repository.list(tenant, { limit: 10, cursor: null })).audiences.map((entry) => entry.id)).toEqual(['l-2', 'l-3']);
  });
});
