import type { RegistrationView, SessionView } from '../api-types.js';

/**
 * What the Register button shows for one session and one viewer:
 * open (can register), requested (waiting for the supervisor), confirmed (seat held), full, or closed
 * (cancelled or already started).
 */
export type RegistrationState = 'open' | 'requested' | 'confirmed' | 'full' | 'closed';

/** Derives the button's state; a cancelled registration does not stop the viewer from registering again. */
export function registrationState(
  session: Pick<SessionView, 'status' | 'startsAt' | 'seatsLeft'>,
  registration: Pick<RegistrationView, 'status'> | undefined,
  now: Date,
): RegistrationState {
  if (registration?.status === 'confirmed') return 'confirmed';
  if (registration?.status === 'requested') return 'requested';
  if (session.status === 'cancelled' || new Date(session.startsAt) <= now) return 'closed';
  return session.seatsLeft > 0 ? 'open' : 'full';
}

/** The button's label and whether it can be pressed, per state. */
export const registrationLabels: Record<RegistrationState, { label: string; enabled: boolean }> = {
  open: { label: 'Register', enabled: true },
  requested: { label: 'Awaiting approval', enabled: false },
  confirmed: { label: 'Registered', enabled: false },
  full: { label: 'Full', enabled: false },
  closed: { label: 'Closed', enabled: false },
};
