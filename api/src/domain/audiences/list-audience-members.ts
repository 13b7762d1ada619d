import type { Person } from '../people/person.js';
import { decodePageCursor, encodePageCursor } from '../shared/page-cursor.js';
import type { Actor } from '../shared/tenant-scope.js';
import type { RuleWarning } from './evaluate-rule.js';
import { evaluateSavedAudience, type UseAudiencePorts } from './preview-audience.js';

/** A recipient of an audience: mail is the user principal name when the directory has no mail. */
export interface AudienceMember extends Person {
  /** Windows time zone name of the mailbox, when known. */
  timeZone: string | null;
}

export interface AudienceMemberPage {
  /** Members of the whole audience right now (every page re-evaluates the rule). */
  total: number;
  members: AudienceMember[];
  /** Opaque cursor for the next page, or null on the last page. */
  nextCursor: string | null;
  warnings: RuleWarning[];
}

/** Members per page at most: recipients go out in pages, never the whole directory in one answer. */
export const MEMBER_PAGE_MAX = 1000;

/** The id after which the page starts; the cursor names its audience, so it cannot page another one. */
function decodeCursor(audienceId: string, cursor: string): string {
  return decodePageCursor(
    cursor,
    ([cursorAudience, lastId, ...rest]) =>
      cursorAudience === audienceId && typeof lastId === 'string' && rest.length === 0 ? lastId : null,
    'cursor is not a page cursor of this audience',
  );
}

/**
 * One page of an audience's members, in id order. Pages are cut at person ids, not positions, so someone who
 * joins or leaves the audience between two pages does not shift the others: each member still comes exactly once.
 */
export async function listAudienceMembers(
  ports: UseAudiencePorts,
  actor: Actor,
  audienceId: string,
  page: { cursor: string | null; limit: number },
): Promise<AudienceMemberPage> {
  const limit = Math.min(Math.max(1, Math.floor(page.limit)), MEMBER_PAGE_MAX);
  const after = page.cursor === null ? null : decodeCursor(audienceId, page.cursor);
  const { index, evaluation } = await evaluateSavedAudience(ports, actor, audienceId, 'fresh');
  const members: AudienceMember[] = [];
  let more = false;
  for (const row of evaluation.members.rows(after === null ? 0 : index.rowAfter(after))) {
    if (members.length === limit) {
      more = true;
      break;
    }
    members.push({ ...index.asPerson(row), timeZone: index.value('timeZone', row) });
  }
  return {
    total: evaluation.members.count(),
    members,
    nextCursor: more ? encodePageCursor([audienceId, members.at(-1)!.id]) : null,
    warnings: evaluation.warnings,
  };
}
