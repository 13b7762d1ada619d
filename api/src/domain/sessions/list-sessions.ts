import type { SeatLedger } from '../registrations/registration.js';
import type { Clock, TenantScope } from '../shared/tenant-scope.js';
import type { Session, SessionRepository } from './session.js';

export interface SessionWithSeats {
  session: Session;
  seatsTaken: number;
}

export interface ListSessionsDeps {
  sessions: SessionRepository;
  seats: SeatLedger;
  clock: Clock;
}

export async function withSeats(seats: SeatLedger, scope: TenantScope, sessions: Session[]): Promise<SessionWithSeats[]> {
  const taken = await seats.countTaken(
    scope,
    sessions.map((session) => session.id),
  );
  return sessions.map((session) => ({ session, seatsTaken: taken.get(session.id) ?? 0 }));
}

/** The catalog: scheduled sessions that have not ended, soonest first. */
export async function listSessions(
  deps: ListSessionsDeps,
  scope: TenantScope,
  page: { limit: number; cursor: string | null },
): Promise<{ items: SessionWithSeats[]; nextCursor: string | null }> {
  const result = await deps.sessions.listUpcoming(scope, { from: deps.clock.now(), ...page });
  return { items: await withSeats(deps.seats, scope, result.sessions), nextCursor: result.nextCursor };
}

export async function getSession(deps: ListSessionsDeps, scope: TenantScope, sessionId: string): Promise<SessionWithSeats | null> {
  const session = await deps.sessions.findById(scope, sessionId);
  if (!session) return null;
  const [withCount] = await withSeats(deps.seats, scope, [session]);
  return withCount ?? null;
}
