import type { TenantScope } from '../shared/tenant-scope.js';
import type { DirectoryChange, DirectoryProfile } from './directory-person.js';

/** One page of a delta round, or Graph's refusal of the link (the round must start over as a full one). */
export type DeltaPage =
  | {
      kind: 'page';
      /** People added or changed; on an incremental round only the changed properties are present. */
      changes: DirectoryChange[];
      /** People Graph reports removed (deleted, or no longer visible). */
      removedIds: string[];
      /** The next page of this round, or null on the last page. */
      nextLink: string | null;
      /** On the last page: where the next round starts. */
      deltaLink: string | null;
    }
  | { kind: 'resync-required'; reason: string };

/** What one enrichment call read. */
export interface ProfileRead {
  profiles: DirectoryProfile[];
  /** People Graph no longer knows (404): nothing to enrich. */
  gone: string[];
  /** People whose reads failed for now (throttled or unavailable after retries): to try again on a later run. */
  failed: string[];
  /** $batch envelopes sent and requests inside them. */
  batches: number;
  requests: number;
}

/** The tenant's directory as Microsoft Graph serves it. */
export interface DirectorySource {
  /** Reads one delta page: `link` null starts a full round, otherwise a stored nextLink or deltaLink. */
  readDeltaPage(scope: TenantScope, link: string | null): Promise<DeltaPage>;
  /** People in the tenant, or null when Graph does not say. */
  countPeople(scope: TenantScope): Promise<number | null>;
  /** Skills, responsibilities, aboutMe and mailbox time zone of these people (Graph serves them per user only). */
  readProfiles(scope: TenantScope, ids: string[]): Promise<ProfileRead>;
}
