import { describe, expect, it } from 'vitest';
import { createGroupMembersStore } from './audience-group-members-store.js';
import { collectionNames } from './collections.js';
import { useTestDatabase } from './test-support.js';

const store = useTestDatabase('audience_groups');
const scope = { tenantId: 'tenant-a' };
const ids = (count: number, prefix: string) => Array.from({ length: count }, (_, n) => `${prefix}-${String(n).padStart(6, '0')}`);

describe('the group members store', () => {
  it('keeps a large list in chunks and reads it back whole', async () => {
    const groups = createGroupMembersStore(store.db());
    const fetchedAt = new Date(Date.UTC(2030, 0, 1, 9));
    await groups.save(scope, { groupId: 'g-big', memberIds: ids(45_001, 'u'), fetchedAt });
    const found = await groups.find(scope, 'g-big');
    expect(found?.memberIds).toEqual(ids(45_001, 'u'));
    expect(found?.fetchedAt).toEqual(fetchedAt);
    expect(await groups.find({ tenantId: 'tenant-b' }, 'g-big')).toBeNull();
    expect(await groups.find(scope, 'g-unknown')).toBeNull();
  });

  it('replaces a list and drops the chunks of the previous one; an empty group is remembered too', async () => {
    const groups = createGroupMembersStore(store.db());
    await groups.save(scope, { groupId: 'g-2', memberIds: ids(25_000, 'old'), fetchedAt: new Date(1000) });
    await groups.save(scope, { groupId: 'g-2', memberIds: ids(3, 'new'), fetchedAt: new Date(2000) });
    expect(await groups.find(scope, 'g-2')).toEqual({ groupId: 'g-2', memberIds: ids(3, 'new'), fetchedAt: new Date(2000) });
    const chunks = await store.db().collection(collectionNames.audienceGroupMembers).countDocuments({ tenantId: scope.tenantId, groupId: 'g-2', kind: 'chunk' });
    expect(chunks).toBe(1);
    await groups.save(scope, { groupId: 'g-empty', memberIds: [], fetchedAt: new Date(3000) });
    expect(await groups.find(scope, 'g-empty')).toEqual({ groupId: 'g-empty', memberIds: [], fetchedAt: new Date(3000) });
  });

  it('reports no list when a chunk has gone (two savers raced), so the group is fetched again', async () => {
    const groups = createGroupMembersStore(store.db());
    await groups.save(scope, { groupId: 'g-3', memberIds: ids(25_000, 'x'), fetchedAt: new Date(1000) });
    await store.db().collection(collectionNames.audienceGroupMembers).deleteOne({ tenantId: scope.tenantId, groupId: 'g-3', kind: 'chunk' });
    expect(await groups.find(scope, 'g-3')).toBeNull();
  });
});
