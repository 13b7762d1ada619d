import { describe, expect, it } from 'vitest';
import type { ApprovalRequest, ApprovalStore } from '../../domain/approvals/approval.js';
import type { ApprovalSettingsStore } from '../../domain/approvals/approval-settings.js';
import { actor, createTestPorts, session, TENANT } from '../../domain/registrations/in-memory-ports.js';
import { decideApproval } from '../../domain/registrations/decide-approval.js';
import { registerForSession } from '../../domain/registrations/register-for-session.js';
import { toBotRegistration, type RegistrationLookups } from './bot-registration.js';

/** The approval stores as findApprovalWaits reads them: one open request, pending once its approver is known. */
function openRequests(approverName: string | null): RegistrationLookups['approvals'] {
  const approver = approverName ? { id: 'megan', displayName: approverName } : null;
  const request = {
    id: 'approval-1',
    status: approver ? 'pending' : 'resolving',
    approver,
  } as ApprovalRequest;
  return {
    approvals: { listOpenByRegistration: async () => [request] } as unknown as ApprovalStore,
    settings: { find: async () => null } as unknown as ApprovalSettingsStore,
    clock: { now: () => new Date() },
  };
}

describe('toBotRegistration', () => {
  it('names who must approve a registration that waits for approval, once Campus has found them', async () => {
    const { deps } = createTestPorts();
    await deps.sessions.insert(session({ id: 's1', approval: 'supervisor' }));
    const { registration } = await registerForSession(deps, actor('bob'), 's1');
    for (const [approverName, expected] of [
      ['Megan Bowen', 'Megan Bowen'],
      [null, null],
    ] as const) {
      const lookups = { approvals: openRequests(approverName), history: deps.history };
      expect(await toBotRegistration(lookups, actor('bob'), registration, null)).toEqual({
        status: 'pendingApproval',
        approverName: expected,
      });
    }
  });

  it('carries the supervisor’s comment on a decline, and tells an expired request apart', async () => {
    const { deps } = createTestPorts();
    await deps.sessions.insert(session({ id: 's1', approval: 'supervisor' }));
    const { registration } = await registerForSession(deps, actor('bob'), 's1');
    const declined = await decideApproval(
      deps,
      { tenantId: TENANT, userId: 'megan' },
      registration.id,
      'decline',
      'Not this quarter',
    );
    const lookups = { approvals: null, history: deps.history };
    expect(await toBotRegistration(lookups, actor('bob'), declined, null)).toEqual({
      status: 'declined',
      expired: false,
      comment: 'Not this quarter',
    });
    const expired = { ...declined, closedBy: { userId: null, role: 'system' as const } };
    expect(await toBotRegistration(lookups, actor('bob'), expired, null)).toEqual({
      status: 'declined',
      expired: true,
      comment: null,
    });
  });

  it('gives the waitlist place it is handed', async () => {
    const { deps } = createTestPorts();
    await deps.sessions.insert(session({ id: 's1', capacity: 1 }));
    await registerForSession(deps, actor('alice'), 's1');
    const { registration, position } = await registerForSession(deps, actor('bob'), 's1');
    expect(
      await toBotRegistration(
        { approvals: null, history: deps.history },
        actor('bob'),
        registration,
        position,
      ),
    ).toEqual({
      status: 'waitlisted',
      position: 1,
    });
  });
});
