import { describe, expect, it } from 'vitest';
import { invokedCard, useBotHarness } from '../test-support/bot-harness.js';
import { sampleApproval } from '../test-support/samples.js';
import type { ApprovalCardState } from './ports.js';
import { validateOutlookCard } from '../test-support/outlook-card-schema.js';
import {
  outlookCardAction,
  teamsCardAction,
  tenantId,
  userAadObjectId,
} from '../test-support/teams-activities.js';

const t = useBotHarness();

const actor = { tenantId, userId: userAadObjectId, displayName: 'Adele Vance' };
const data = { approvalId: 'apr_01', signature: 'v1.signed-by-campus' };
/** The card state after Megan Bowen's decision. */
const decidedByMegan = (outcome: 'approved' | 'declined', comment: string | null): ApprovalCardState => ({
  state: 'decided',
  approval: sampleApproval(),
  outcome,
  decidedBy: 'Megan Bowen',
  comment,
});

describe('approval card presses (adaptiveCard/action)', () => {
  it('approves from Teams with the comment typed into the card, answering the outcome card (1.5)', async () => {
    t.bot.ports.approval = decidedByMegan('approved', 'Enjoy it');
    const response = await t.bot.post(
      teamsCardAction(t.connector.serviceUrl, {
        verb: 'approveRegistration',
        data: { ...data, comment: '  Enjoy it ' },
      }),
    );
    const card = invokedCard(response);
    expect(card).toMatchObject({ version: '1.5', refresh: { userIds: ['29:1user-teams-id'] } });
    expect(JSON.stringify(card)).toContain('Megan Bowen approved');
    expect(t.bot.ports.calls).toEqual([
      { port: 'decideApproval', actor, argument: { ...data, decision: 'approve', comment: 'Enjoy it' } },
    ]);
    expect(t.connector.calls).toEqual([]);
  });

  it('takes the same path from Outlook, answering a 1.4 card with the originator', async () => {
    t.bot.ports.approval = decidedByMegan('declined', null);
    const response = await t.bot.post(
      outlookCardAction(t.connector.serviceUrl, { verb: 'declineRegistration', data }),
    );
    expect(response).toMatchObject({
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' },
    });
    const card = (response.body as { value: Record<string, unknown> }).value;
    expect(card.version).toBe('1.4');
    expect(validateOutlookCard(card)).toEqual({
      valid: true,
      errors: [],
      originator: '6f0f1b5e-3c38-4a57-9a4f-0c1d2e3f4a5b',
    });
    expect(t.bot.ports.calls).toEqual([
      { port: 'decideApproval', actor, argument: { ...data, decision: 'decline', comment: null } },
    ]);
  });

  it('answers the card refresh with the card as it stands', async () => {
    const card = invokedCard(
      await t.bot.post(teamsCardAction(t.connector.serviceUrl, { verb: 'refreshApproval', data })),
    );
    expect(JSON.stringify(card)).toContain('Approve time for a Campus session?');
    expect(t.bot.ports.calls).toEqual([{ port: 'showApproval', actor, argument: data }]);
  });

  it('passes a missing signature on as empty, for Campus to refuse as an unverified card', async () => {
    t.bot.ports.approval = {
      state: 'refused',
      code: 'CAMPUS_ERR_APPROVAL_SIGNATURE_INVALID',
      message: 'the card data is not what Campus signed',
    };
    const card = invokedCard(
      await t.bot.post(
        teamsCardAction(t.connector.serviceUrl, {
          verb: 'approveRegistration',
          data: { approvalId: 'apr_01' },
        }),
      ),
    );
    expect(JSON.stringify(card)).toContain('Campus could not verify this card');
    expect(t.bot.ports.calls[0]?.argument).toMatchObject({ signature: '' });
  });

  it('refuses a comment longer than the card allows without calling Campus', async () => {
    const card = invokedCard(
      await t.bot.post(
        teamsCardAction(t.connector.serviceUrl, {
          verb: 'declineRegistration',
          data: { ...data, comment: 'x'.repeat(501) },
        }),
      ),
    );
    expect(JSON.stringify(card)).toContain('The comment is longer than 500 characters');
    expect(t.bot.ports.calls).toEqual([]);
  });

  it('answers 400 when the press carries no approval id', async () => {
    const response = await t.bot.post(
      teamsCardAction(t.connector.serviceUrl, { verb: 'approveRegistration', data: { signature: 'x' } }),
    );
    expect(response).toMatchObject({
      status: 400,
      body: {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: {
          code: 'BadRequest',
          message: 'The approval action needs data.approvalId, a non-empty string.',
        },
      },
    });
    expect(t.bot.ports.calls).toEqual([]);
  });
});
