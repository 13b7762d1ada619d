import type { Session } from '../sessions/session.js';
import type { TenantScope } from '../shared/tenant-scope.js';
import { changeRegistration, reloadRegistration } from './change-registration.js';
import { afterChange, bySystem, describeError, findOverlap, isOpen, seatedStatus, type RegistrationDeps } from './registration-flow.js';
import { holdsSeat } from './registration-states.js';
import type { Registration } from './registration.js';

/** How long one process may promote from a session's waitlist before another may take over. */
const PROMOTION_LEASE_MS = 60_000;
/** Passes one holder makes (looking again after each) before leaving the rest to the registration worker. */
const MAX_ROUNDS = 20;
/** Waitlisted people read beyond the free seats, for those passed over because the session overlaps one of theirs. */
const EXTRA_CANDIDATES = 20;
/** A seat whose registration does not exist is orphaned once this old: a registration being stored claims first. */
const ORPHAN_SEAT_AFTER_MS = 60_000;

interface PassOutcome {
  promoted: number;
  /** Passed over: they hold a seat in an overlapping session. They keep their place. */
  skipped: Set<string>;
}

/**
 * Gives a freed seat to the next waitlisted person, in arrival order, as many times as seats are free. One process
 * at a time per session (a lease), so two cancellations never promote the same person twice nor out of order; the
 * seat itself still comes from the seat ledger, which keeps capacity exact whatever happens.
 */
export async function promoteWaitlisted(deps: RegistrationDeps, scope: TenantScope, sessionId: string, options: { repairSeats?: boolean } = {}): Promise<number> {
  const key = `waitlist:${scope.tenantId}:${sessionId}`;
  let promoted = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const holder = `${deps.holderId}#${deps.ids.newId()}`;
    // Whoever holds the lease looks again after releasing it, so a seat or a newcomer that appears meanwhile is served.
    if (!(await deps.leases.tryAcquire(key, holder, PROMOTION_LEASE_MS))) return promoted;
    let outcome: PassOutcome;
    try {
      outcome = await fillFreeSeats(deps, scope, sessionId, options.repairSeats === true && round === 0);
    } finally {
      await deps.leases.release(key, holder);
    }
    promoted += outcome.promoted;
    if (!(await promotionDue(deps, scope, sessionId, outcome.skipped))) return promoted;
  }
  return promoted;
}

/** Promotes, logging instead of failing: the change that freed the seat has happened, and the worker tries again. */
export async function tryPromote(deps: RegistrationDeps, scope: TenantScope, sessionId: string): Promise<void> {
  try {
    await promoteWaitlisted(deps, scope, sessionId);
  } catch (error) {
    deps.logger.warn({ sessionId, ...describeError(error) }, 'waitlist not promoted yet; the registration worker will retry');
  }
}

async function promotionDue(deps: RegistrationDeps, scope: TenantScope, sessionId: string, skipped: Set<string>): Promise<boolean> {
  const session = await deps.sessions.findById(scope, sessionId);
  if (!session || !isOpen(session, deps.clock.now())) return false;
  const taken = (await deps.seats.countTaken(scope, [sessionId])).get(sessionId) ?? 0;
  if (taken >= session.capacity) return false;
  const waiting = await deps.registrations.listWaitlisted(scope, sessionId, skipped.size + 1);
  return waiting.some((registration) => !skipped.has(registration.id));
}

async function fillFreeSeats(deps: RegistrationDeps, scope: TenantScope, sessionId: string, repair: boolean): Promise<PassOutcome> {
  const outcome: PassOutcome = { promoted: 0, skipped: new Set() };
  const session = await deps.sessions.findById(scope, sessionId);
  if (!session || !isOpen(session, deps.clock.now())) return outcome;
  const cutShort = repair ? await repairSeats(deps, session) : [];
  const holders = await deps.seats.listHolders(scope, sessionId);
  const free = session.capacity - holders.length;
  if (free <= 0 && cutShort.length === 0) return outcome;
  const first = new Set(cutShort.map((registration) => registration.id));
  const queue = await deps.registrations.listWaitlisted(scope, sessionId, Math.max(free, 0) + EXTRA_CANDIDATES);
  const waitlist = [...cutShort, ...queue.filter((registration) => !first.has(registration.id))];
  // Nobody waits any more: newcomers may take free seats directly again.
  if (waitlist.length === 0) await deps.seats.clearQueued(scope, sessionId);
  for (const candidate of waitlist) {
    if (await findOverlap(deps, scope, candidate.userId, session)) {
      outcome.skipped.add(candidate.id);
      continue;
    }
    const seat = await deps.seats.claim(scope, sessionId, session.capacity, candidate.id);
    if (seat === null) break;
    if (await promoteOne(deps, candidate, session, seat)) outcome.promoted++;
  }
  return outcome;
}

async function promoteOne(deps: RegistrationDeps, candidate: Registration, session: Session, seat: number): Promise<boolean> {
  const lifted = await changeRegistration(deps, candidate, { to: 'promoted', by: bySystem, seat, reason: 'a seat freed up' });
  if (!lifted) {
    const current = await reloadRegistration(deps, candidate, candidate.id);
    // It changed meanwhile (its owner left the waitlist): the seat claimed for it goes back.
    if (current && !holdsSeat(current.status)) await deps.seats.release(candidate, session.id, candidate.id);
    return false;
  }
  return (await finishPromotion(deps, lifted, session)) !== null;
}

/** Moves a promoted registration on to confirmed (or pendingApproval) and tells the person. */
export async function finishPromotion(deps: RegistrationDeps, promoted: Registration, session: Session): Promise<Registration | null> {
  const after = await changeRegistration(deps, promoted, { to: seatedStatus(session), by: bySystem });
  if (!after) return null;
  await afterChange(deps, promoted, after, session);
  await deps.notifier.registrationPromoted(after, after, session);
  return after;
}

/**
 * After a crash: seats still held by registrations that were cancelled or declined go back, and waitlisted people
 * who already hold a seat (a promotion cut short) are returned so they are promoted first.
 */
async function repairSeats(deps: RegistrationDeps, session: Session): Promise<Registration[]> {
  const holders = await deps.seats.listHolders(session, session.id);
  if (holders.length === 0) return [];
  const stored = new Map((await deps.registrations.listBySession(session, session.id)).map((registration) => [registration.id, registration]));
  const cutShort: Registration[] = [];
  const orphanedBefore = deps.clock.now().getTime() - ORPHAN_SEAT_AFTER_MS;
  for (const { registrationId, claimedAt } of holders) {
    const suspect = stored.get(registrationId);
    if (suspect && suspect.status !== 'cancelled' && suspect.status !== 'declined' && suspect.status !== 'waitlisted') continue;
    // The stored copy may lag its history: decide on the history's word.
    const current = await reloadRegistration(deps, session, registrationId);
    const orphaned = !current && claimedAt.getTime() < orphanedBefore;
    if (orphaned || current?.status === 'cancelled' || current?.status === 'declined') await deps.seats.release(session, session.id, registrationId);
    else if (current?.status === 'waitlisted') cutShort.push(current);
  }
  return cutShort;
}
