import { createError } from '../../errors.js';
import type { Actor } from '../shared/tenant-scope.js';
import type { PeopleDirectory, Person } from './person.js';

/** Organizers look people up in the directory to choose a session's presenter; supervisors, to choose a delegate. */
export async function searchPresenters(people: PeopleDirectory, actor: Actor, text: string, limit: number): Promise<Person[]> {
  if (!actor.roles.has('organizer') && !actor.roles.has('supervisor')) {
    throw createError('CAMPUS_ERR_FORBIDDEN', 'Only organizers and supervisors can search the directory');
  }
  const trimmed = text.trim();
  if (trimmed.length === 0) return [];
  return people.search(actor, trimmed, limit);
}
