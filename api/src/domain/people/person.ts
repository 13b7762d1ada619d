import type { TenantScope } from '../shared/tenant-scope.js';

/** A person of the tenant's directory, as Campus needs them (from Microsoft Graph `user`). */
export interface Person {
  id: string;
  displayName: string;
  mail: string;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
}

/** Reads people from the tenant's directory (Microsoft Graph). */
export interface PeopleDirectory {
  /** The person with this object id, or null when the directory has none (or the account is disabled). */
  findById(scope: TenantScope, id: string): Promise<Person | null>;
  /** People whose display name, given name, surname or mail starts with the text; at most `limit`. */
  search(scope: TenantScope, text: string, limit: number): Promise<Person[]>;
}

/** Facts about a user's place in the organization that decide their Campus roles. */
export interface OrganizationRoles {
  /** True when the user is a member (transitively) of the group. */
  isMemberOfGroup(scope: TenantScope, userId: string, groupId: string): Promise<boolean>;
  /** True when at least one person reports to the user. */
  hasDirectReports(scope: TenantScope, userId: string): Promise<boolean>;
}
