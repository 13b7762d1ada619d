import { createError } from '../../errors.js';
import type { Actor } from '../shared/tenant-scope.js';
import type { DirectorySync } from './sync-directory.js';
import type { DirectorySyncStatus } from './sync-status.js';

function requireOrganizer(actor: Actor): void {
  if (!actor.roles.has('organizer'))
    throw createError('CAMPUS_ERR_FORBIDDEN', 'Only organizers can see and start the directory sync');
}

/** An organizer asks for the directory to be brought up to date now; answers the status once the run has begun. */
export async function requestDirectorySync(
  sync: DirectorySync,
  actor: Actor,
  options: { full: boolean },
): Promise<DirectorySyncStatus> {
  requireOrganizer(actor);
  await sync.start(actor, options);
  return sync.status(actor);
}

export async function getDirectorySyncStatus(
  sync: DirectorySync,
  actor: Actor,
): Promise<DirectorySyncStatus> {
  requireOrganizer(actor);
  return sync.status(actor);
}
