import type { RegistrationChange, RegistrationView, SessionView } from '../api-types.js';
import { isOpen } from './registration-state.js';

/** Fluent badge colours the tab uses for registrations. */
export type BadgeColor = 'informative' | 'warning' | 'success' | 'danger';

/** A registration in words: a short badge, one sentence saying what happened, and whether it can be cancelled. */
export interface RegistrationWords {
  badge: { text: string; color: BadgeColor };
  detail: string;
  canCancel: boolean;
}

/** What the words need beyond the registration: the supervisor's comment on a decline, if they left one. */
export interface RegistrationContext {
  declineComment?: string | null;
}

type Registration = Pick<RegistrationView, 'status' | 'seat' | 'waitlistPosition' | 'invite' | 'closedBy'> &
  Partial<Pick<RegistrationView, 'approval'>>;
type Session = Pick<SessionView, 'status' | 'startsAt' | 'cancellation'>;

/** States the employee may still cancel (docs/registrations.md: → cancelled by anyone). */
const cancellable = new Set<RegistrationView['status']>([
  'requested',
  'waitlisted',
  'promoted',
  'pendingApproval',
  'approved',
  'confirmed',
]);

const quoted = (text: string) => `“${text}”`;

const cancelledBy: Record<NonNullable<RegistrationView['closedBy']>['role'], string> = {
  employee: 'You cancelled this registration.',
  organizer: 'An organizer cancelled your registration.',
  supervisor: 'Your supervisor cancelled your registration.',
  system: 'Campus cancelled your registration.',
};

function waitlistText(position: number | null): string {
  const place = position === null ? "You're on the waitlist." : `You're number ${position} on the waitlist.`;
  return `${place} We'll tell you when a seat frees up.`;
}

/** "Waiting for Megan Bowen's approval", naming the delegate who may decide too; "your supervisor" until known. */
function awaitingText(approval: RegistrationView['approval']): string {
  if (!approval) return "Waiting for your supervisor's approval. Your seat is held meanwhile.";
  const delegate = approval.delegate ? ` (or ${approval.delegate.displayName}, deciding for them)` : '';
  return `Waiting for ${approval.approver.displayName}'s approval${delegate}. Your seat is held meanwhile.`;
}

function declineText(registration: Registration, comment: string | null | undefined): string {
  if (registration.closedBy?.role === 'system') {
    return 'Declined: your supervisor did not answer before the deadline, so your seat went back.';
  }
  return comment
    ? `Your supervisor declined: ${quoted(comment)}`
    : 'Your supervisor declined this registration.';
}

function describeStatus(
  registration: Registration,
  context: RegistrationContext,
): Omit<RegistrationWords, 'canCancel'> {
  switch (registration.status) {
    case 'requested':
      return {
        badge: { text: 'Registering', color: 'informative' },
        detail: 'Campus is placing your registration.',
      };
    case 'waitlisted':
      return {
        badge: {
          text:
            registration.waitlistPosition === null
              ? 'Waitlisted'
              : `Waitlisted · number ${registration.waitlistPosition}`,
          color: 'warning',
        },
        detail: waitlistText(registration.waitlistPosition),
      };
    case 'promoted':
      return {
        badge: { text: 'Seat found', color: 'informative' },
        detail: 'A seat freed up for you. Campus is finishing your registration.',
      };
    case 'pendingApproval':
      return {
        badge: { text: 'Awaiting approval', color: 'warning' },
        detail: awaitingText(registration.approval),
      };
    case 'approved':
      return {
        badge: { text: 'Approved', color: 'success' },
        detail: 'Approved. The Outlook invitation is on its way.',
      };
    case 'confirmed':
      return {
        badge: {
          text: registration.seat === null ? 'Confirmed' : `Confirmed · seat ${registration.seat}`,
          color: 'success',
        },
        detail:
          registration.invite === 'sent'
            ? 'Confirmed — in your Outlook calendar.'
            : 'Confirmed — the Outlook invitation is on its way.',
      };
    case 'declined':
      return {
        badge: { text: 'Declined', color: 'danger' },
        detail: declineText(registration, context.declineComment),
      };
    case 'cancelled':
      return {
        badge: { text: 'Cancelled', color: 'danger' },
        detail: cancelledBy[registration.closedBy?.role ?? 'employee'],
      };
    case 'attended':
      return { badge: { text: 'Attended', color: 'success' }, detail: 'You attended this session.' };
    case 'noShow':
      return { badge: { text: 'Not attended', color: 'informative' }, detail: 'Recorded as not attended.' };
  }
}

/** Says what happened to a registration; a cancelled session says so first, whatever the registration's state. */
export function describeRegistration(
  registration: Registration,
  session: Session,
  now: Date,
  context: RegistrationContext = {},
): RegistrationWords {
  if (session.status === 'cancelled') {
    const message = session.cancellation?.message;
    return {
      badge: { text: 'Session cancelled', color: 'danger' },
      detail: message ? `This session was cancelled: ${quoted(message)}` : 'This session was cancelled.',
      canCancel: false,
    };
  }
  return {
    ...describeStatus(registration, context),
    canCancel: cancellable.has(registration.status) && isOpen(session, now),
  };
}

/** The supervisor's comment on the latest decline in a registration's history, if they left one. */
export function declineCommentOf(
  changes: readonly Pick<RegistrationChange, 'to' | 'by' | 'reason'>[],
): string | null {
  const decline = changes.findLast((change) => change.to === 'declined');
  return decline?.by.role === 'supervisor' ? decline.reason : null;
}
