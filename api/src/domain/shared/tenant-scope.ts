/**
 * Every stored record and every query belongs to one Entra tenant. Repository methods take a TenantScope
 * first, so a query without the tenant id does not compile (after Novu's libs/dal/src/types/enforce.ts).
 */
export interface TenantScope {
  readonly tenantId: string;
}

/** Who is acting: the token's oid in its tid. */
export interface Actor extends TenantScope {
  readonly userId: string;
  readonly displayName: string;
  /** Mail address Outlook invitations go to (the token's preferred_username, a routable UPN in Entra). */
  readonly mail: string;
  readonly roles: ReadonlySet<Role>;
}

export type Role = 'employee' | 'organizer' | 'supervisor';

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  newId(): string;
}
