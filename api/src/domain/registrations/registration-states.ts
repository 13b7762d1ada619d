/**
 * The registration lifecycle as a table. Passing states (requested, promoted, approved) last as long as one
 * request takes; a registration left in one by a crash is settled by the registration worker.
 *
 * requested        being placed (a first registration is stored placed; registering again passes through here)
 * waitlisted       no seat was free; served in arrival order
 * promoted         a freed seat was claimed for it from the waitlist
 * pendingApproval  holds a seat while the supervisor decides
 * approved         the supervisor said yes; becomes confirmed at once
 * confirmed        holds a seat; the calendar booking puts the person on the Outlook event
 * declined         the supervisor said no (or the approval expired); seat given back
 * cancelled        by the employee, their supervisor, an organizer or Campus; seat given back
 * attended, noShow recorded by an organizer once the session has started
 */
export const registrationStatuses = [
  'requested',
  'waitlisted',
  'promoted',
  'pendingApproval',
  'approved',
  'confirmed',
  'declined',
  'cancelled',
  'attended',
  'noShow',
] as const;

export type RegistrationStatus = (typeof registrationStatuses)[number];

export type ChangeRole = 'employee' | 'organizer' | 'supervisor' | 'system';

const anyone: readonly ChangeRole[] = ['employee', 'organizer', 'supervisor', 'system'];
const process: readonly ChangeRole[] = ['employee', 'system'];

/** from → to → who may make that change. Anything not listed is not a transition. */
const transitions: Readonly<Record<RegistrationStatus, Partial<Record<RegistrationStatus, readonly ChangeRole[]>>>> = {
  requested: { confirmed: process, pendingApproval: process, waitlisted: process, cancelled: anyone },
  waitlisted: { promoted: ['system'], cancelled: anyone },
  promoted: { confirmed: ['system'], pendingApproval: ['system'], cancelled: anyone },
  pendingApproval: { approved: ['supervisor'], declined: ['supervisor', 'system'], cancelled: anyone },
  approved: { confirmed: ['system'], cancelled: anyone },
  confirmed: { cancelled: anyone, attended: ['organizer'], noShow: ['organizer'] },
  declined: { requested: ['employee'] },
  cancelled: { requested: ['employee'] },
  attended: { noShow: ['organizer'] },
  noShow: { attended: ['organizer'] },
};

/** True when `role` may move a registration from `from` to `to`. */
export function canTransition(from: RegistrationStatus, to: RegistrationStatus, role: ChangeRole): boolean {
  return transitions[from][to]?.includes(role) ?? false;
}

/** Every allowed (from, to) pair, for documentation and tests. */
export function listTransitions(): Array<{ from: RegistrationStatus; to: RegistrationStatus; roles: readonly ChangeRole[] }> {
  return registrationStatuses.flatMap((from) =>
    Object.entries(transitions[from]).map(([to, roles]) => ({ from, to: to as RegistrationStatus, roles: roles ?? [] })),
  );
}

/** States in which the registration holds a seat of the ledger. */
export function holdsSeat(status: RegistrationStatus): boolean {
  return status === 'promoted' || status === 'pendingApproval' || status === 'approved' || status === 'confirmed';
}

/** States that still count as "registered" before the session: registering again is refused while in one. */
export function isLive(status: RegistrationStatus): boolean {
  return status === 'requested' || status === 'waitlisted' || holdsSeat(status);
}

/** States a crash can leave behind mid-request; the registration worker moves them on. */
export function isPassing(status: RegistrationStatus): boolean {
  return status === 'requested' || status === 'promoted' || status === 'approved';
}
