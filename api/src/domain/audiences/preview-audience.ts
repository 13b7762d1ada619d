import type { Actor } from '../shared/tenant-scope.js';
import type { AttendanceSource, AudienceRepository, GroupMembership } from './audience.js';
import type { AudienceRule } from './audience-rule.js';
import { checkRuleReferences } from './check-rule-references.js';
import type { DirectoryIndex } from './directory-index.js';
import type { DirectoryIndexRegistry } from './directory-index-registry.js';
import { evaluateRule, type RuleEvaluation, type RuleInputs } from './evaluate-rule.js';
import { getAudience, requireOrganizer } from './manage-audiences.js';
import { parseAudienceRule } from './parse-audience-rule.js';
import { summarizeAudience, type AudiencePreview } from './summarize-audience.js';

export interface UseAudiencePorts {
  audiences: AudienceRepository;
  directory: Pick<DirectoryIndexRegistry, 'current'>;
  groups: GroupMembership;
  attendance: AttendanceSource;
}

/**
 * A rule's inputs for one actor. Previews take a group list past its refresh time and refresh it behind
 * (answering while the organizer types); resolving recipients waits for a current list.
 */
export function ruleInputs(ports: UseAudiencePorts, actor: Actor, groups: 'allowStale' | 'fresh'): RuleInputs {
  return {
    async groupMembers(groupId) {
      const members = await ports.groups.members(actor, groupId, groups);
      return members && { version: String(members.fetchedAt.getTime()), memberIds: members.memberIds };
    },
    attendeesOfTopic: (topic) => ports.attendance.listAttendeesOfTopic(actor, topic),
  };
}

/** Evaluates a saved audience's rule: what it names that is gone since selects nobody and comes back as a warning. */
export async function evaluateSavedAudience(
  ports: UseAudiencePorts,
  actor: Actor,
  id: string,
  groups: 'allowStale' | 'fresh',
): Promise<{ rule: AudienceRule; index: DirectoryIndex; evaluation: RuleEvaluation }> {
  const audience = await getAudience(ports, actor, id);
  const index = await ports.directory.current(actor);
  return { rule: audience.rule, index, evaluation: await evaluateRule(audience.rule, index, ruleInputs(ports, actor, groups)) };
}

/** The preview of a rule being edited: refused with a 400 naming the clause when it is not valid. */
export async function previewRule(ports: UseAudiencePorts, actor: Actor, value: unknown): Promise<AudiencePreview> {
  requireOrganizer(actor, 'preview audiences');
  const rule = parseAudienceRule(value);
  const index = await ports.directory.current(actor);
  const inputs = ruleInputs(ports, actor, 'allowStale');
  await checkRuleReferences(rule, index, async (groupId) => (await inputs.groupMembers(groupId)) !== null);
  const { members, warnings } = await evaluateRule(rule, index, inputs);
  return summarizeAudience(index, members, warnings);
}

export async function previewSavedAudience(ports: UseAudiencePorts, actor: Actor, id: string): Promise<AudiencePreview> {
  const { index, evaluation } = await evaluateSavedAudience(ports, actor, id, 'allowStale');
  return summarizeAudience(index, evaluation.members, evaluation.warnings);
}
