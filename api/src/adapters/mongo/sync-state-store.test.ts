import { describe, expect, it } from 'vitest';
import { initialSyncState, type DirectorySyncState } from '../../domain/directory/sync-state.js';
import { createSyncStateStore } from './sync-state-store.js';
import { useTestDatabase } from './test-support.js';

const store = useTestDatabase('sync_state');
const contoso = { tenantId: 'tenant-contoso' };
const fabrikam = { tenantId: 'tenant-fabrikam' };

describe('sync state store', () => {
  it('has no state before the first save, then returns what was saved', async () => {
    const states = createSyncStateStore(store.db());
    expect(await states.find(contoso)).toBeNull();
    const state: DirectorySyncState = {
      ...initialSyncState(contoso),
      phase: 'pages',
      kind: 'full',
      nextLink: 'https://graph.example/v1.0/users/delta?$skiptoken=abc',
      runStartedAt: new Date(Date.UTC(2030, 0, 1, 9)),
      pagesDone: 3,
      peopleSeen: 2997,
      peopleTotal: 100_000,
      pagesStaged: 3,
      enrichmentHead: 2,
      enrichmentTail: 5,
      requests: { delta: 3, count: 1, enrichmentBatches: 0, enrichmentRequests: 0 },
      lastError: { message: 'Graph was down', at: new Date(Date.UTC(2030, 0, 1, 8)) },
    };
    await states.save(state);
    expect(await states.find(contoso)).toEqual(state);
    await states.save({ ...state, pagesDone: 4 });
    expect(await states.find(contoso)).toMatchObject({ pagesDone: 4 });
    expect(await states.find(fabrikam)).toBeNull();
  });

  it('stages pages by number, overwrites a page read again, and clears them', async () => {
    const states = createSyncStateStore(store.db());
    await states.stagePage(contoso, 0, { changes: [{ id: 'a', department: 'Sales', managerId: null }], removedIds: [] });
    await states.stagePage(contoso, 1, { changes: [{ id: 'b' }], removedIds: ['gone'] });
    const profiles = { read: [{ id: 'b', skills: ['SAP'], responsibilities: [], aboutMe: null, timeZone: 'UTC' }], unread: [] };
    await states.stagePage(contoso, 1, { changes: [{ id: 'b', jobTitle: 'Lead' }], removedIds: [], profiles });
    await states.stagePage(fabrikam, 0, { changes: [{ id: 'f' }], removedIds: [] });

    expect(await states.findStagedPage(contoso, 0)).toEqual({ changes: [{ id: 'a', department: 'Sales', managerId: null }], removedIds: [] });
    expect(await states.findStagedPage(contoso, 1)).toEqual({ changes: [{ id: 'b', jobTitle: 'Lead' }], removedIds: [], profiles });
    await states.clearStagedPages(contoso, 2);
    expect(await states.findStagedPage(contoso, 0)).toBeNull();
    expect(await states.findStagedPage(contoso, 1)).toBeNull();
    expect(await states.findStagedPage(fabrikam, 0)).toEqual({ changes: [{ id: 'f' }], removedIds: [] });
  });

  it('keeps numbered enrichment batches per tenant and counts the people waiting', async () => {
    const states = createSyncStateStore(store.db());
    const scope = { tenantId: 'tenant-queue' };
    await states.setEnrichmentBatch(scope, 0, ['a', 'b', 'c']);
    await states.setEnrichmentBatch(scope, 1, ['d']);
    await states.setEnrichmentBatch(fabrikam, 0, ['x']);
    expect(await states.countEnrichment(scope)).toBe(4);

    await states.setEnrichmentBatch(scope, 0, ['c']);
    expect(await states.findEnrichmentBatch(scope, 0)).toEqual(['c']);
    await states.setEnrichmentBatch(scope, 1, []);
    expect(await states.findEnrichmentBatch(scope, 1)).toBeNull();
    expect(await states.countEnrichment(scope)).toBe(1);
    expect(await states.findEnrichmentBatch(fabrikam, 0)).toEqual(['x']);
  });
});
