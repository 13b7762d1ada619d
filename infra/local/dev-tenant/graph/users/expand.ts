import type { TenantState, DirectoryUser } from '../../state.js';
import { GraphRequestError } from '../odata/errors.js';
import { DEFAULT_USER_PROPERTIES, checkUserSelect, renderUser } from './user-fields.js';

/** `$expand=manager` or `$expand=manager($select=id,displayName)` (https://learn.microsoft.com/graph/api/user-list-manager). */
export interface ManagerExpansion {
  select: string[];
}

export function readManagerExpansion(expand: string[]): ManagerExpansion | null {
  if (!expand.length) return null;
  const joined = expand.join(',');
  const match = /^manager(?:\(\$?select=([^)]*)\))?$/i.exec(joined.trim());
  if (!match) throw new GraphRequestError(400, 'BadRequest', `Parsing OData Select and Expand failed: Could not find a property named '${joined.split('(')[0]}' on type 'microsoft.graph.user'.`);
  return { select: match[1] ? checkUserSelect(match[1].split(',').map((s) => s.trim()), false) : DEFAULT_USER_PROPERTIES };
}

/** Adds `manager` to a rendered user (absent when the user has none, as Graph omits it). */
export function withManager(state: TenantState, user: DirectoryUser, rendered: Record<string, unknown>, expansion: ManagerExpansion | null): Record<string, unknown> {
  if (!expansion) return rendered;
  const manager = user.managerId ? state.users.get(user.managerId) : undefined;
  if (manager) rendered.manager = { '@odata.type': '#microsoft.graph.user', ...renderUser(manager, expansion.select) };
  return rendered;
}
