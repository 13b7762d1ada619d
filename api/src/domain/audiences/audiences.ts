import { searchExperts } from '../experts/search-experts.js';
import type { Actor, Clock, IdGenerator } from '../shared/tenant-scope.js';
import type { AttendanceSource, AudienceRepository, GroupMembership } from './audience.js';
import type { DirectoryIndexRegistry } from './directory-index-registry.js';
import { findGroups, searchGroups, suggestFieldValues, type GroupDirectory } from './group-directory.js';
import { listAudienceMembers } from './list-audience-members.js';
import {
  createAudience,
  deleteAudience,
  getAudience,
  listAudiences,
  updateAudience,
  type AudienceEdit,
  type NewAudience,
} from './manage-audiences.js';
import { previewRule, previewSavedAudience } from './preview-audience.js';

/** What targeting needs from the outside world. */
export interface AudiencePorts {
  audiences: AudienceRepository;
  directory: Pick<DirectoryIndexRegistry, 'current'>;
  groups: GroupMembership;
  /** Group names for the rule editor (membership itself comes through `groups`). */
  groupDirectory: GroupDirectory;
  attendance: AttendanceSource;
  clock: Clock;
  ids: IdGenerator;
}

/** The targeting use cases (saved audiences, previews, recipients, expert search), bound to their ports once. */
export function createAudiences(ports: AudiencePorts) {
  return {
    create: (actor: Actor, input: NewAudience) => createAudience(ports, actor, input),
    list: (actor: Actor, page: { limit: number; cursor: string | null }) => listAudiences(ports, actor, page),
    get: (actor: Actor, id: string) => getAudience(ports, actor, id),
    update: (actor: Actor, id: string, edit: AudienceEdit) => updateAudience(ports, actor, id, edit),
    delete: (actor: Actor, id: string) => deleteAudience(ports, actor, id),
    previewRule: (actor: Actor, rule: unknown) => previewRule(ports, actor, rule),
    preview: (actor: Actor, id: string) => previewSavedAudience(ports, actor, id),
    listMembers: (actor: Actor, id: string, page: { cursor: string | null; limit: number }) =>
      listAudienceMembers(ports, actor, id, page),
    searchExperts: (actor: Actor, topic: string, limit: number) => searchExperts(ports, actor, topic, limit),
    searchGroups: (actor: Actor, text: string, limit: number) => searchGroups(ports, actor, text, limit),
    findGroups: (actor: Actor, ids: readonly string[]) => findGroups(ports, actor, ids),
    suggestFieldValues: (actor: Actor, query: { field: string; text: string; limit: number }) =>
      suggestFieldValues(ports, actor, query),
  };
}

export type Audiences = ReturnType<typeof createAudiences>;
