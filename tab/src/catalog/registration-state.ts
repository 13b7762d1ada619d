import type { RegistrationView, SessionView } from '../api-types.js';

/** The Register button of one session for one viewer: its label, and what pressing it does (null: nothing). */
export interface RegisterAction {
  label: string;
  /** 'register' asks for a seat (the API waitlists when none is free); null shows a state instead. */
  press: 'register' | null;
}

type Session = Pick<SessionView, 'status' | 'startsAt' | 'seatsLeft'>;
type Registration = Pick<RegistrationView, 'status'>;

/** Labels of registrations that stop the viewer from registering again, by status. */
const heldLabels: Partial<Record<RegistrationView['status'], string>> = {
  requested: 'Registering',
  waitlisted: 'On the waitlist',
  promoted: 'Seat found',
  pendingApproval: 'Awaiting approval',
  approved: 'Approved',
  confirmed: 'Registered',
  attended: 'Attended',
  noShow: 'Not attended',
};

/** True when the session still takes registrations: scheduled and not started. */
export function isOpen(session: Pick<SessionView, 'status' | 'startsAt'>, now: Date): boolean {
  return session.status === 'scheduled' && new Date(session.startsAt) > now;
}

/**
 * Derives the button: the viewer's own registration first (even on a full session); after a decline or a
 * cancellation they may register again; a full session offers its waitlist.
 */
export function registerAction(
  session: Session,
  registration: Registration | undefined,
  now: Date,
): RegisterAction {
  const held = registration && heldLabels[registration.status];
  if (held) return { label: held, press: null };
  if (!isOpen(session, now)) return { label: 'Closed', press: null };
  if (session.seatsLeft <= 0) return { label: 'Join the waitlist', press: 'register' };
  return { label: registration?.status === 'declined' ? 'Register again' : 'Register', press: 'register' };
}
