import { ruleReferences, type AudienceRule } from './audience-rule.js';
import type { DirectoryIndex } from './directory-index.js';
import { invalidRule } from './parse-audience-rule.js';

/**
 * Refuses a rule that names a manager or an included person who is not in the directory, or a group Graph does
 * not know, with a 400 naming the first such clause. Groups are looked up together.
 */
export async function checkRuleReferences(
  rule: AudienceRule,
  index: DirectoryIndex,
  groupExists: (groupId: string) => Promise<boolean>,
): Promise<void> {
  const references = ruleReferences(rule);
  const groupIds = [...new Set(references.filter((reference) => reference.kind === 'group').map((reference) => reference.id))];
  const existing = new Map(await Promise.all(groupIds.map(async (id) => [id, await groupExists(id)] as const)));
  for (const reference of references) {
    if (reference.kind === 'group') {
      if (!existing.get(reference.id)) throw invalidRule(reference.field, `group '${reference.id}' does not exist in the tenant`);
      continue;
    }
    const row = index.rowOf(reference.id);
    if (row < 0 || index.deleted[row]) throw invalidRule(reference.field, `person '${reference.id}' is not in the directory`);
  }
}
