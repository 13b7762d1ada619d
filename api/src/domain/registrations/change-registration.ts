import { createError } from '../../errors.js';
import type { Clock, TenantScope } from '../shared/tenant-scope.js';
import { canTransition, holdsSeat, type RegistrationStatus } from './registration-states.js';
import type {
  Arrival,
  ChangedBy,
  Registration,
  RegistrationChange,
  RegistrationHistory,
  RegistrationRepository,
} from './registration.js';

export interface ChangeDeps {
  registrations: RegistrationRepository;
  history: RegistrationHistory;
  clock: Clock;
}

export interface ChangeRequest {
  to: RegistrationStatus;
  by: ChangedBy;
  reason?: string | null;
  /** The seat the registration holds after the change (kept from before when omitted). */
  seat?: number | null;
  /** A new arrival, when the person registers again. */
  arrival?: Arrival;
}

/** How often a use case re-reads and decides again when other changes keep landing first. */
const MAX_ATTEMPTS = 20;

const statusWords: Record<RegistrationStatus, string> = {
  requested: 'being registered',
  waitlisted: 'on the waitlist',
  promoted: 'being promoted from the waitlist',
  pendingApproval: 'awaiting approval',
  approved: 'approved',
  confirmed: 'confirmed',
  declined: 'declined',
  cancelled: 'cancelled',
  attended: 'marked as attended',
  noShow: 'marked as a no-show',
};

/** The registration's state in words, for messages. */
export function describeStatus(status: RegistrationStatus): string {
  return statusWords[status];
}

export function invalidTransition(registration: Registration, to: RegistrationStatus, by: ChangedBy): Error {
  return createError(
    'CAMPUS_ERR_INVALID_TRANSITION',
    `the registration is ${describeStatus(registration.status)} and cannot become ${describeStatus(to)} by ${by.role === 'system' ? 'Campus' : `an ${by.role}`}`,
    { details: { status: registration.status, to } },
  );
}

/**
 * Makes one change to the registration as last read. The history entry for the next version is inserted first;
 * its unique index lets exactly one of several racing changes happen. Returns null when another change took that
 * version first: the caller re-reads and decides again.
 */
export async function changeRegistration(deps: ChangeDeps, registration: Registration, request: ChangeRequest): Promise<Registration | null> {
  if (!canTransition(registration.status, request.to, request.by.role)) throw invalidTransition(registration, request.to, request.by);
  const change = recordChange(registration, request, deps.clock.now());
  if ((await deps.history.append(change)) === 'conflict') return null;
  await deps.registrations.applyChange(registration, change);
  const after = applied(registration, change);
  // A newer change may have been stored before ours landed over it: bring the stored copy forward again.
  await catchUp(deps, after);
  return after;
}

/** The registration as it is after `change`. */
export function applied(registration: Registration, change: RegistrationChange): Registration {
  const invite = change.to === 'confirmed' ? 'pending' : registration.invite;
  return { ...registration, ...change.state, invite, version: change.version, updatedAt: change.at };
}

/** The history entry for making `request` to the registration as last read (not yet checked against the table). */
export function recordChange(registration: Registration, request: ChangeRequest, at: Date): RegistrationChange {
  const closes = request.to === 'cancelled' || request.to === 'declined';
  const state: RegistrationChange['state'] = {
    status: request.to,
    seat: holdsSeat(request.to) || request.to === 'attended' || request.to === 'noShow' ? (request.seat ?? registration.seat) : null,
    arrival: request.arrival ?? registration.arrival,
    closedBy: closes ? request.by : null,
  };
  return {
    tenantId: registration.tenantId,
    sessionId: registration.sessionId,
    registrationId: registration.id,
    userId: registration.userId,
    version: registration.version + 1,
    from: registration.status,
    to: request.to,
    at,
    by: request.by,
    reason: request.reason ?? null,
    state,
  };
}

/** The registration with every history entry after `stored.version` applied, stored copy included. */
async function catchUp(deps: ChangeDeps, stored: Registration): Promise<Registration> {
  let latest: RegistrationChange | null = null;
  for (let version = stored.version + 1; ; version++) {
    const next = await deps.history.find(stored, stored.id, version);
    if (!next) break;
    latest = next;
  }
  if (!latest) return stored;
  await deps.registrations.applyChange(stored, latest);
  return applied(stored, latest);
}

/** The registration as its history has it, repairing a stored copy that a crash left behind its latest change. */
export async function reloadRegistration(deps: ChangeDeps, scope: TenantScope, registrationId: string): Promise<Registration | null> {
  const stored = await deps.registrations.findById(scope, registrationId);
  return stored && catchUp(deps, stored);
}

/**
 * Reads the registration, asks `decide` what to do with it, and makes that change, again and again while other
 * changes land first. `decide` returns null when nothing needs doing (a repeated request) or throws to refuse.
 */
export async function changeWithRetry(
  deps: ChangeDeps,
  scope: TenantScope,
  registrationId: string,
  decide: (current: Registration) => ChangeRequest | null,
): Promise<{ before: Registration; after: Registration; changed: boolean }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await reloadRegistration(deps, scope, registrationId);
    if (!current) throw createError('CAMPUS_ERR_REGISTRATION_NOT_FOUND', `registration '${registrationId}' does not exist`);
    const request = decide(current);
    if (!request) return { before: current, after: current, changed: false };
    const after = await changeRegistration(deps, current, request);
    if (after) return { before: current, after, changed: true };
  }
  throw createError('CAMPUS_ERR_SESSION_BUSY', 'the registration is being changed by someone else right now; try again');
}
