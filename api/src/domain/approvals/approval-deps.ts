import type { Clock, IdGenerator, TenantScope } from '../shared/tenant-scope.js';
import type { ApprovalDecisionStore, ApprovalNoticeLog, ApprovalStore } from './approval.js';
import type {
  ApprovalLogger,
  ApprovalMessenger,
  ApproverDirectory,
  RegistrationDecisions,
} from './approval-ports.js';
import type { ApprovalSettingsStore } from './approval-settings.js';
import type { ApprovalSigner } from './approval-signature.js';

/** What the approval use cases need. */
export interface ApprovalDeps {
  approvals: ApprovalStore;
  decisions: ApprovalDecisionStore;
  notices: ApprovalNoticeLog;
  settings: ApprovalSettingsStore;
  directory: ApproverDirectory;
  messenger: ApprovalMessenger;
  registrationDecisions: RegistrationDecisions;
  signer: ApprovalSigner;
  clock: Clock;
  ids: IdGenerator;
  logger: ApprovalLogger;
  /** A request expires this long before its session starts (the approver's last chance to decide). */
  expiryLeadMs: number;
}

export const DEFAULT_LOCALE = 'en-US';

/** A person's mailbox zone and locale for their view of a request; the fallback zone when Graph cannot say. */
export async function viewerOf(
  deps: Pick<ApprovalDeps, 'directory' | 'logger'>,
  scope: TenantScope,
  userId: string,
  fallbackZone: string,
): Promise<{ timeZone: string; locale: string }> {
  try {
    const mailbox = await deps.directory.findMailbox(scope, userId);
    return { timeZone: mailbox.timeZone ?? fallbackZone, locale: mailbox.locale ?? DEFAULT_LOCALE };
  } catch (error) {
    deps.logger.warn(
      { userId, err: { message: error instanceof Error ? error.message : String(error) } },
      'mailbox settings not read; times are shown in the session zone',
    );
    return { timeZone: fallbackZone, locale: DEFAULT_LOCALE };
  }
}

export function errorDetails(error: unknown): object {
  return error instanceof Error
    ? { err: { message: error.message, code: (error as { code?: unknown }).code } }
    : { err: error };
}
