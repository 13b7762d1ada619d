import { describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../../test-support/adaptive-card-schema.js';
import { sampleApproval } from '../../test-support/samples.js';
import { validateOutlookCard } from '../../test-support/outlook-card-schema.js';
import type { ApprovalCardState } from '../ports.js';
import { buildApprovalCard, type ApprovalCardHost } from './approval-card.js';

const originator = '6f0f1b5e-3c38-4a57-9a4f-0c1d2e3f4a5b';
const outlook: ApprovalCardHost = { channel: 'outlook', originator };
const teams: ApprovalCardHost = { channel: 'msteams', refreshUserIds: ['29:megan'] };
const approvalsUrl = 'https://campus.contoso.test/?view=approvals';

const states: Array<[string, ApprovalCardState]> = [
  ['pending', { state: 'pending', approval: sampleApproval() }],
  [
    'pending, for a delegate, clashing',
    {
      state: 'pending',
      approval: sampleApproval({
        onBehalfOfName: 'Megan Bowen',
        clash: 'busy',
        clashText: 'Clashes with a meeting.',
      }),
    },
  ],
  [
    'approved with a comment',
    {
      state: 'decided',
      approval: sampleApproval(),
      outcome: 'approved',
      decidedBy: 'Megan Bowen',
      comment: 'Enjoy',
    },
  ],
  [
    'declined',
    {
      state: 'decided',
      approval: sampleApproval(),
      outcome: 'declined',
      decidedBy: 'Alex Wilber',
      comment: null,
    },
  ],
  [
    'expired',
    { state: 'decided', approval: sampleApproval(), outcome: 'expired', decidedBy: null, comment: null },
  ],
  [
    'withdrawn',
    { state: 'decided', approval: sampleApproval(), outcome: 'withdrawn', decidedBy: null, comment: null },
  ],
  [
    'refused',
    {
      state: 'refused',
      code: 'CAMPUS_ERR_NOT_APPROVER',
      message: 'Only Megan Bowen or their delegate can decide.',
    },
  ],
];

describe('approval cards', () => {
  it.each(states)(
    '%s: valid Adaptive Card 1.5 for Teams, and 1.4 with the originator for Outlook',
    (_name, state) => {
      const inTeams = buildApprovalCard({ state, host: teams, approvalsUrl });
      expect(inTeams).toMatchObject({ version: '1.5' });
      expect(inTeams).not.toHaveProperty('originator');
      expect(validateAdaptiveCard(inTeams)).toEqual({ valid: true, errors: [] });

      const inOutlook = buildApprovalCard({ state, host: outlook, approvalsUrl });
      expect(inOutlook).toMatchObject({ version: '1.4' });
      expect(validateOutlookCard(inOutlook)).toEqual({ valid: true, errors: [], originator });
    },
  );

  it('shows what the approver weighs and signs both buttons, with the comment input and a link to the approvals view', () => {
    const card = buildApprovalCard({ state: states[1]![1], host: outlook, approvalsUrl });
    const text = JSON.stringify(card);
    for (const expected of [
      'Adele Vance',
      'Power BI for marketers',
      'Wed, Mar 12, 2025, 10:00 – 11:00 AM PDT',
      '1 hour',
      'Clashes with a meeting.',
      'You decide for Megan Bowen',
    ]) {
      expect(text).toContain(expected);
    }
    expect(card.body).toContainEqual(
      expect.objectContaining({ type: 'Input.Text', id: 'comment', maxLength: 500 }),
    );
    expect(card.actions).toEqual([
      {
        type: 'Action.Execute',
        title: 'Approve',
        verb: 'approveRegistration',
        data: { approvalId: 'apr_01', signature: 'v1.signed-by-campus' },
        style: 'positive',
      },
      {
        type: 'Action.Execute',
        title: 'Decline',
        verb: 'declineRegistration',
        data: { approvalId: 'apr_01', signature: 'v1.signed-by-campus' },
        style: 'destructive',
      },
      { type: 'Action.OpenUrl', title: 'Open approvals in Campus', url: approvalsUrl },
    ]);
    expect(card.refresh).toEqual({
      action: {
        type: 'Action.Execute',
        title: 'Refresh',
        verb: 'refreshApproval',
        data: { approvalId: 'apr_01', signature: 'v1.signed-by-campus' },
      },
    });
  });

  it('refreshes in Teams for the listed users; refusals carry no refresh and no buttons but the link', () => {
    expect(buildApprovalCard({ state: states[0]![1], host: teams, approvalsUrl }).refresh?.userIds).toEqual([
      '29:megan',
    ]);
    const refused = buildApprovalCard({ state: states[6]![1], host: teams, approvalsUrl });
    expect(refused).not.toHaveProperty('refresh');
    expect(refused.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open approvals in Campus', url: approvalsUrl },
    ]);
    expect(JSON.stringify(refused)).toContain('This request is not yours to decide');
  });
});
