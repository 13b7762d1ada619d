import { withSeats, type SessionWithSeats } from '../sessions/list-sessions.js';
import type { Actor } from '../shared/tenant-scope.js';
import type { RegistrationDeps } from './registration-flow.js';
import type { Registration } from './registration.js';

export type MySession = SessionWithSeats & { registration: Registration; position: number | null };

/** The actor's registrations that are not cancelled, with their sessions and waitlist places, soonest first. */
export async function listMySessions(deps: Pick<RegistrationDeps, 'sessions' | 'registrations' | 'seats' | 'positions'>, actor: Actor): Promise<MySession[]> {
  const registrations = (await deps.registrations.listByUser(actor, actor.userId)).filter((registration) => registration.status !== 'cancelled');
  const sessions = await deps.sessions.findByIds(
    actor,
    registrations.map((registration) => registration.sessionId),
  );
  const byId = new Map((await withSeats(deps.seats, actor, sessions)).map((item) => [item.session.id, item]));
  const items = await Promise.all(
    registrations.map(async (registration): Promise<MySession | null> => {
      const item = byId.get(registration.sessionId);
      if (!item) return null;
      const position = registration.status === 'waitlisted' ? await deps.positions.of(registration) : null;
      return { ...item, registration, position };
    }),
  );
  return items.filter((item): item is MySession => item !== null).sort((a, b) => a.session.startsAt.getTime() - b.session.startsAt.getTime());
}
