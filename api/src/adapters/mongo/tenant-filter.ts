import type { Filter } from 'mongodb';
import type { TenantScope } from '../../domain/shared/tenant-scope.js';

/** Adds the scope's tenant to a filter; repositories build every tenant-owned query through it. */
export function inTenant<T extends { tenantId: string }>(scope: TenantScope, filter: Filter<T>): Filter<T> {
  return { ...filter, tenantId: scope.tenantId } as Filter<T>;
}
