import type { TenantScope } from '../shared/tenant-scope.js';
import type { AudienceRule } from './audience-rule.js';

/** A named, saved rule. Only the rule is kept: members are worked out again each time it is used. */
export interface SavedAudience {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  rule: AudienceRule;
  createdBy: { id: string; displayName: string };
  createdAt: Date;
  updatedAt: Date;
}

export interface AudiencePage {
  audiences: SavedAudience[];
  /** Opaque cursor for the next page, or null on the last page. */
  nextCursor: string | null;
}

export interface AudienceChanges {
  name?: string;
  description?: string | null;
  rule?: AudienceRule;
  updatedAt: Date;
}

/** Saved audiences; names are unique per tenant, compared case-insensitively (a unique index decides). */
export interface AudienceRepository {
  insert(audience: SavedAudience): Promise<'inserted' | 'nameTaken'>;
  findById(scope: TenantScope, id: string): Promise<SavedAudience | null>;
  /** By name (case-insensitive), then id. */
  list(scope: TenantScope, page: { limit: number; cursor: string | null }): Promise<AudiencePage>;
  update(scope: TenantScope, id: string, changes: AudienceChanges): Promise<'updated' | 'notFound' | 'nameTaken'>;
  delete(scope: TenantScope, id: string): Promise<boolean>;
}

/** Transitive user members of a group as cached, with when Graph said so. */
export interface GroupMembers {
  groupId: string;
  memberIds: string[];
  fetchedAt: Date;
}

/**
 * Group membership from Graph, cached. `allowStale` answers from a cache past its refresh time and refreshes in the
 * background (previews: fast); `fresh` waits for the refresh (resolving recipients: current).
 */
export interface GroupMembership {
  /** Null when Graph says the group does not exist. */
  members(scope: TenantScope, groupId: string, mode: 'allowStale' | 'fresh'): Promise<GroupMembers | null>;
}

/** Who has been to sessions on a topic. */
export interface AttendanceSource {
  /**
   * Ids of people with a confirmed (or attended) registration for a session whose title contains the topic,
   * case-insensitive: sessions have no topic field, so the title stands for it.
   */
  listAttendeesOfTopic(scope: TenantScope, topic: string): Promise<string[]>;
}
