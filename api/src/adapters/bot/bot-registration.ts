import type { BotOpenSession, BotRegistration, BotSession } from '@campus/bot';
import type { ApprovalDeps } from '../../domain/approvals/approval-deps.js';
import { findApprovalWaits } from '../../domain/approvals/approval-waits.js';
import type { Registration, RegistrationHistory } from '../../domain/registrations/registration.js';
import type { SessionWithSeats } from '../../domain/sessions/list-sessions.js';
import type { Session } from '../../domain/sessions/session.js';
import type { TenantScope } from '../../domain/shared/tenant-scope.js';

/** Where the bot reads what a registration's card says beyond its state. */
export interface RegistrationLookups {
  /** Who must approve, as findApprovalWaits finds them (null when supervisor approval is not wired). */
  approvals: Pick<ApprovalDeps, 'approvals' | 'settings' | 'clock'> | null;
  /** A decline's comment: the supervisor's reason on the change that declined it. */
  history: Pick<RegistrationHistory, 'find'>;
}

export function toBotSession(session: Session): BotSession {
  return {
    id: session.id,
    title: session.title,
    abstract: session.abstract,
    presenterName: session.presenter.displayName,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    timeZone: session.start.timeZone,
    online: session.online,
    joinUrl: session.calendar.joinUrl,
  };
}

export function toBotOpenSession({ session, seatsTaken }: SessionWithSeats): BotOpenSession {
  return { ...toBotSession(session), seatsLeft: Math.max(0, session.capacity - seatsTaken) };
}

/** The registration as the bot's cards show it: its waitlist place, who must approve, or why it was declined. */
export async function toBotRegistration(
  lookups: RegistrationLookups,
  scope: TenantScope,
  registration: Registration,
  position: number | null,
): Promise<BotRegistration> {
  switch (registration.status) {
    case 'waitlisted':
      return { status: 'waitlisted', position };
    case 'pendingApproval': {
      const waits =
        lookups.approvals && (await findApprovalWaits(lookups.approvals, scope, [registration.id]));
      return {
        status: 'pendingApproval',
        approverName: waits?.get(registration.id)?.approver.displayName ?? null,
      };
    }
    case 'declined': {
      if (registration.closedBy?.role !== 'supervisor')
        return { status: 'declined', expired: true, comment: null };
      const change = await lookups.history.find(scope, registration.id, registration.version);
      return {
        status: 'declined',
        expired: false,
        comment: change?.to === 'declined' ? change.reason : null,
      };
    }
    default:
      return { status: registration.status };
  }
}
