import { createError } from '../../errors.js';
import type { Actor, Clock, IdGenerator } from '../shared/tenant-scope.js';
import type { AudienceChanges, AudiencePage, AudienceRepository, GroupMembership, SavedAudience } from './audience.js';
import type { AudienceRule } from './audience-rule.js';
import { checkRuleReferences } from './check-rule-references.js';
import type { DirectoryIndexRegistry } from './directory-index-registry.js';
import { parseAudienceRule } from './parse-audience-rule.js';

export interface ManageAudiencePorts {
  audiences: AudienceRepository;
  directory: Pick<DirectoryIndexRegistry, 'current'>;
  groups: GroupMembership;
  clock: Clock;
  ids: IdGenerator;
}

export interface NewAudience {
  name: string;
  description?: string | null;
  /** Untrusted JSON, read by parseAudienceRule. */
  rule: unknown;
}

export interface AudienceEdit {
  name?: string;
  description?: string | null;
  rule?: unknown;
}

const NAME_MAX = 120;
const DESCRIPTION_MAX = 1000;

/** Audiences are an organizer tool: they reveal who is where in the organization. */
export function requireOrganizer(actor: Actor, action: string): void {
  if (!actor.roles.has('organizer')) throw createError('CAMPUS_ERR_FORBIDDEN', `Only organizers can ${action}`);
}

function validName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > NAME_MAX) {
    throw createError('CAMPUS_ERR_VALIDATION', `name must be 1 to ${NAME_MAX} characters`, { details: { location: 'body', field: '/name' } });
  }
  return trimmed;
}

function validDescription(description: string | null | undefined): string | null {
  const trimmed = description?.trim() ?? '';
  if (trimmed.length > DESCRIPTION_MAX) {
    throw createError('CAMPUS_ERR_VALIDATION', `description must be at most ${DESCRIPTION_MAX} characters`, { details: { location: 'body', field: '/description' } });
  }
  return trimmed === '' ? null : trimmed;
}

/** Reads a rule and checks that the people and groups it names exist. */
export async function validRule(ports: Pick<ManageAudiencePorts, 'directory' | 'groups'>, actor: Actor, value: unknown): Promise<AudienceRule> {
  const rule = parseAudienceRule(value);
  const index = await ports.directory.current(actor);
  await checkRuleReferences(rule, index, async (groupId) => (await ports.groups.members(actor, groupId, 'allowStale')) !== null);
  return rule;
}

function nameTaken(name: string) {
  return createError('CAMPUS_ERR_AUDIENCE_NAME_TAKEN', `an audience named '${name}' exists already`, { details: { location: 'body', field: '/name' } });
}

function notFound(id: string) {
  return createError('CAMPUS_ERR_AUDIENCE_NOT_FOUND', `audience '${id}' does not exist`);
}

export async function createAudience(ports: ManageAudiencePorts, actor: Actor, input: NewAudience): Promise<SavedAudience> {
  requireOrganizer(actor, 'create audiences');
  const name = validName(input.name);
  const description = validDescription(input.description);
  const rule = await validRule(ports, actor, input.rule);
  const now = ports.clock.now();
  const audience: SavedAudience = {
    id: ports.ids.newId(),
    tenantId: actor.tenantId,
    name,
    description,
    rule,
    createdBy: { id: actor.userId, displayName: actor.displayName },
    createdAt: now,
    updatedAt: now,
  };
  if ((await ports.audiences.insert(audience)) === 'nameTaken') throw nameTaken(name);
  return audience;
}

export async function getAudience(ports: Pick<ManageAudiencePorts, 'audiences'>, actor: Actor, id: string): Promise<SavedAudience> {
  requireOrganizer(actor, 'use audiences');
  const audience = await ports.audiences.findById(actor, id);
  if (!audience) throw notFound(id);
  return audience;
}

export async function listAudiences(ports: Pick<ManageAudiencePorts, 'audiences'>, actor: Actor, page: { limit: number; cursor: string | null }): Promise<AudiencePage> {
  requireOrganizer(actor, 'use audiences');
  return ports.audiences.list(actor, page);
}

export async function updateAudience(ports: ManageAudiencePorts, actor: Actor, id: string, edit: AudienceEdit): Promise<SavedAudience> {
  requireOrganizer(actor, 'change audiences');
  const changes: AudienceChanges = { updatedAt: ports.clock.now() };
  if (edit.name !== undefined) changes.name = validName(edit.name);
  if (edit.description !== undefined) changes.description = validDescription(edit.description);
  if (edit.rule !== undefined) changes.rule = await validRule(ports, actor, edit.rule);
  const outcome = await ports.audiences.update(actor, id, changes);
  if (outcome === 'notFound') throw notFound(id);
  if (outcome === 'nameTaken') throw nameTaken(changes.name!);
  return getAudience(ports, actor, id);
}

export async function deleteAudience(ports: Pick<ManageAudiencePorts, 'audiences'>, actor: Actor, id: string): Promise<void> {
  requireOrganizer(actor, 'delete audiences');
  if (!(await ports.audiences.delete(actor, id))) throw notFound(id);
}
