import type { Role, TenantScope } from '../shared/tenant-scope.js';
import type { OrganizationRoles } from './person.js';

export interface RoleResolverOptions {
  organization: OrganizationRoles;
  /** Entra group whose members organize the program; empty: nobody is an organizer. */
  organizerGroupId: string;
  /** How long a user's roles are reused before asking the directory again. */
  ttlMs: number;
  now: () => number;
}

export type RoleResolver = (scope: TenantScope, userId: string) => Promise<ReadonlySet<Role>>;

/**
 * Everyone is an employee; organizers are members of the configured group; supervisors have direct reports.
 * Answers are cached per user so a page of requests costs the directory two lookups, not two per request,
 * and concurrent requests for the same user share one lookup.
 */
export function createRoleResolver(options: RoleResolverOptions): RoleResolver {
  const cache = new Map<string, { roles: Promise<ReadonlySet<Role>>; expiresAt: number }>();
  const MAX_ENTRIES = 10_000;

  async function lookUp(scope: TenantScope, userId: string): Promise<ReadonlySet<Role>> {
    const [organizer, supervisor] = await Promise.all([
      options.organizerGroupId
        ? options.organization.isMemberOfGroup(scope, userId, options.organizerGroupId)
        : Promise.resolve(false),
      options.organization.hasDirectReports(scope, userId),
    ]);
    const roles = new Set<Role>(['employee']);
    if (organizer) roles.add('organizer');
    if (supervisor) roles.add('supervisor');
    return roles;
  }

  return (scope, userId) => {
    const key = `${scope.tenantId}:${userId}`;
    const now = options.now();
    const cached = cache.get(key);
    if (cached && cached.expiresAt > now) return cached.roles;
    if (cache.size >= MAX_ENTRIES) cache.clear();
    const roles = lookUp(scope, userId);
    cache.set(key, { roles, expiresAt: now + options.ttlMs });
    // A failed lookup must not be remembered: the next request asks again.
    roles.catch(() => cache.delete(key));
    return roles;
  };
}
