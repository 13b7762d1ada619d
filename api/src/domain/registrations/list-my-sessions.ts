import { withSeats, type SessionWithSeats } from '../sessions/list-sessions.js';
import type { SessionRepository } from '../sessions/session.js';
import type { Actor } from '../shared/tenant-scope.js';
import type { Registration, RegistrationRepository, SeatLedger } from './registration.js';

export interface ListMySessionsDeps {
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  seats: SeatLedger;
}

/** The actor's registrations that still hold or await a seat, with their sessions, soonest first. */
export async function listMySessions(
  deps: ListMySessionsDeps,
  actor: Actor,
): Promise<Array<SessionWithSeats & { registration: Registration }>> {
  const registrations = (await deps.registrations.listByUser(actor, actor.userId)).filter(
    (registration) => registration.status !== 'cancelled',
  );
  const sessions = await deps.sessions.findByIds(
    actor,
    registrations.map((registration) => registration.sessionId),
  );
  const byId = new Map((await withSeats(deps.seats, actor, sessions)).map((item) => [item.session.id, item]));
  return registrations
    .flatMap((registration) => {
      const item = byId.get(registration.sessionId);
      return item ? [{ ...item, registration }] : [];
    })
    .sort((a, b) => a.session.startsAt.getTime() - b.session.startsAt.getTime());
}
