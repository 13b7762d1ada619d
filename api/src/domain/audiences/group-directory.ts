import { createError } from '../../errors.js';
import type { Actor, TenantScope } from '../shared/tenant-scope.js';
import type { DirectoryIndexRegistry } from './directory-index-registry.js';
import { isSuggestableField, listFieldValues, suggestableFields, type FieldValue } from './field-values.js';
import { requireOrganizer } from './manage-audiences.js';

/** A Microsoft Entra group as an organizer picks it for a membership clause. */
export interface GroupSummary {
  id: string;
  displayName: string;
  description: string | null;
}

/** The tenant's groups, as Microsoft Graph lists them (read live: Campus does not sync groups). */
export interface GroupDirectory {
  /** Groups with a word of the display name starting with `text`, by display name. */
  search(scope: TenantScope, text: string, limit: number): Promise<GroupSummary[]>;
  /** One group, or null when Graph does not know it (or the id is no object id). */
  findById(scope: TenantScope, id: string): Promise<GroupSummary | null>;
}

/** Organizers look for a group by name while writing a rule. */
export async function searchGroups(
  ports: { groupDirectory: GroupDirectory },
  actor: Actor,
  text: string,
  limit: number,
): Promise<GroupSummary[]> {
  requireOrganizer(actor, 'search groups');
  const trimmed = text.trim();
  return trimmed === '' ? [] : ports.groupDirectory.search(actor, trimmed, limit);
}

/** The groups a saved rule names, for showing their names again; groups gone since are left out. */
export async function findGroups(
  ports: { groupDirectory: GroupDirectory },
  actor: Actor,
  ids: readonly string[],
): Promise<GroupSummary[]> {
  requireOrganizer(actor, 'look up groups');
  const distinct = [...new Set(ids.map((id) => id.toLowerCase()))];
  const found = await Promise.all(distinct.map((id) => ports.groupDirectory.findById(actor, id)));
  return found.filter((group): group is GroupSummary => group !== null);
}

/** The known values of a directory field matching what the organizer typed, with their people count. */
export async function suggestFieldValues(
  ports: { directory: Pick<DirectoryIndexRegistry, 'current'> },
  actor: Actor,
  query: { field: string; text: string; limit: number },
): Promise<FieldValue[]> {
  requireOrganizer(actor, 'list directory values');
  if (!isSuggestableField(query.field)) {
    throw createError(
      'CAMPUS_ERR_VALIDATION',
      `field '${query.field}' has no suggestions: use one of ${suggestableFields.join(', ')}`,
      {
        details: { location: 'querystring', field: '/field' },
      },
    );
  }
  return listFieldValues(await ports.directory.current(actor), query.field, query.text, query.limit);
}
