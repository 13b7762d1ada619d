/** Group search and look-up against the run's dev tenant, which answers Graph's $search and $orderby on groups. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { CAMPUS_ORGANIZERS_GROUP_ID } from '../../../../infra/local/dev-tenant/seed/personas.js';
import { createGraphGateway } from './graph-gateway.js';
import { createGroupDirectory } from './group-directory.js';

let directory: ReturnType<typeof createGroupDirectory>;
let scope: { tenantId: string };

beforeAll(() => {
  const tenant = inject('devTenant');
  scope = { tenantId: tenant.tenantId };
  directory = createGroupDirectory(
    createGraphGateway({
      tenantId: tenant.tenantId,
      clientId: tenant.clientId,
      clientSecret: tenant.clientSecret,
      authorityHost: tenant.url,
      graphBaseUrl: tenant.url,
    }),
  );
});

describe('createGroupDirectory', () => {
  it('finds groups by the start of a word of their name, sorted by name, at most `limit`', async () => {
    const offices = await directory.search(scope, 'offi', 50);
    const names = offices.map((group) => group.displayName);
    expect(names).toContain('London Office');
    expect(names).toEqual([...names].sort());
    expect(names.every((name) => name.split(' ').some((word) => word.toLowerCase().startsWith('offi')))).toBe(
      true,
    );
    expect(await directory.search(scope, 'offi', 2)).toEqual(offices.slice(0, 2));
    expect(offices[0]).toEqual({
      id: expect.any(String),
      displayName: names[0],
      description: expect.toSatisfy((d) => d === null || typeof d === 'string'),
    });
  });

  it('ignores quotes that would break the $search term', async () => {
    expect((await directory.search(scope, '"campus organ\\', 5)).map((group) => group.id)).toEqual([
      CAMPUS_ORGANIZERS_GROUP_ID,
    ]);
    expect(await directory.search(scope, '""', 5)).toEqual([]);
  });

  it('reads one group by id; an unknown id or one that is no object id is null', async () => {
    expect(await directory.findById(scope, CAMPUS_ORGANIZERS_GROUP_ID)).toMatchObject({
      id: CAMPUS_ORGANIZERS_GROUP_ID,
      displayName: 'Campus Organizers',
    });
    expect(await directory.findById(scope, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await directory.findById(scope, 'finance')).toBeNull();
  });
});
