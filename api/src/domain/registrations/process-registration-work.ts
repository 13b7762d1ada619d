import type { Session } from '../sessions/session.js';
import { changeRegistration, reloadRegistration } from './change-registration.js';
import { confirmApproved } from './decide-approval.js';
import { finishPromotion, promoteWaitlisted, tryPromote } from './promote-waitlisted.js';
import { afterChange, bySystem, describeError, isOpen, placeRequested, type RegistrationDeps } from './registration-flow.js';
import type { Registration } from './registration.js';

/** A registration still in a passing state this long after its last change was cut short by a crash. */
const SETTLE_AFTER_MS = 60_000;

/**
 * The registration worker's pass. Registrations a crash left mid-way (requested, promoted, approved) are moved on;
 * open sessions where people wait get their orphaned seats back and their free seats given to the waitlist, in case
 * the process that freed a seat died before promoting.
 */
export async function processRegistrationWork(deps: RegistrationDeps, limit: number): Promise<{ settled: number; promoted: number }> {
  const now = deps.clock.now();
  let settled = 0;
  for (const stale of await deps.registrations.listUnsettled(new Date(now.getTime() - SETTLE_AFTER_MS), limit)) {
    try {
      if (await settle(deps, stale)) settled++;
    } catch (error) {
      deps.logger.warn({ registrationId: stale.id, ...describeError(error) }, 'registration not settled yet; the next pass retries');
    }
  }
  let promoted = 0;
  for (const session of await deps.sessions.listOpenAcrossTenants(now, limit)) {
    try {
      // Only where people wait: a seat lost to a crash matters to them, and the note is one read of a few rows.
      if (!(await deps.seats.occupancy(session, session.id)).queued) continue;
      promoted += await promoteWaitlisted(deps, session, session.id, { repairSeats: true });
    } catch (error) {
      deps.logger.warn({ sessionId: session.id, ...describeError(error) }, 'waitlist not promoted yet; the next pass retries');
    }
  }
  return { settled, promoted };
}

async function settle(deps: RegistrationDeps, stale: Registration): Promise<boolean> {
  const registration = await reloadRegistration(deps, stale, stale.id);
  const session = registration && (await deps.sessions.findById(registration, registration.sessionId));
  if (!registration || !session) return false;
  switch (registration.status) {
    case 'requested':
      return settleRequested(deps, registration, session);
    case 'promoted':
      return (await finishPromotion(deps, registration, session)) !== null;
    case 'approved':
      await confirmApproved(deps, registration, session);
      return true;
    default:
      return false;
  }
}

async function settleRequested(deps: RegistrationDeps, registration: Registration, session: Session): Promise<boolean> {
  if (isOpen(session, deps.clock.now())) {
    const placed = await placeRequested(deps, registration, session, bySystem);
    if (placed?.position != null) await tryPromote(deps, registration, session.id);
    return placed !== null;
  }
  const reason = session.status === 'cancelled' ? 'the session was cancelled' : 'the session started before the registration completed';
  const cancelled = await changeRegistration(deps, registration, { to: 'cancelled', by: bySystem, reason });
  if (cancelled) await afterChange(deps, registration, cancelled, session);
  return cancelled !== null;
}
