/**
 * What to say beside each row: the API's 400 for the rule on screen (from the preview or a save), warnings about
 * people or groups gone since the rule was saved, and, once a save was tried, rows not filled in.
 */
import { ApiError } from '../api-client.js';
import type { AudiencePreview } from '../api-types.js';
import { nodeForPointer, type RuleTranslation } from './rule-json.js';

export const invalidRuleCode = 'CAMPUS_ERR_INVALID_AUDIENCE_RULE';

/** The API prefixes its message with the pointer ("rule/all/1/jobTitle: …"); beside the row, the row says where. */
export function withoutPointer(message: string): string {
  return message.replace(/^rule(\/[^\s:]*)?: /, '');
}

/** The row or group a failure names, when it is the API's refusal of the rule. */
export function nodeOfRuleError(error: Error, translation: RuleTranslation): string | null {
  if (!(error instanceof ApiError) || error.code !== invalidRuleCode) return null;
  return nodeForPointer(translation.pointers, error.field);
}

export function ruleMessages({
  translation,
  showUnfinished,
  failures,
  preview,
}: {
  translation: RuleTranslation;
  showUnfinished: boolean;
  /** Refusals answered for the rule on screen. */
  failures: Error[];
  preview: AudiencePreview | null;
}): Map<string, string> {
  const messages = new Map<string, string>();
  if (showUnfinished) for (const [id, message] of translation.incomplete) messages.set(id, message);
  for (const warning of preview?.warnings ?? []) {
    const id = nodeForPointer(translation.pointers, warning.field);
    if (id) messages.set(id, warning.message);
  }
  for (const failure of failures) {
    const id = nodeOfRuleError(failure, translation);
    if (id) messages.set(id, withoutPointer(failure.message));
  }
  return messages;
}
