import type { Db } from 'mongodb';
import type { ApprovalConfig } from '../../config.js';
import { createApprovalSigner } from '../../domain/approvals/approval-signature.js';
import type { ApprovalPorts } from '../../domain/approvals/create-approvals.js';
import type { TeamsConversationStore } from '../../domain/approvals/teams-conversations.js';
import { createApproverDirectory } from '../graph/approver-directory.js';
import type { GraphGateway } from '../graph/graph-gateway.js';
import { createApprovalSettingsStore } from '../mongo/approval-settings-store.js';
import {
  createApprovalDecisionStore,
  createApprovalNoticeLog,
  createApprovalStore,
} from '../mongo/approval-store.js';
import { createApprovalMessenger } from './approval-messenger.js';
import type { TeamsOutbox } from './teams-outbox.js';

export interface ApprovalWiringInput {
  db: Db;
  graph: GraphGateway;
  /** Where approval cards for Teams are recorded; its worker posts them. */
  teams: TeamsOutbox;
  config: ApprovalConfig;
  conversations: TeamsConversationStore;
  publicUrl: string;
}

/** The approvals view of the tab, opened from approval mails and cards (the tab runs in Teams, Outlook and browsers). */
export function approvalsViewUrl(publicUrl: string): string {
  return `${publicUrl}/?view=approvals`;
}

/** Supervisor approval on the real adapters: MongoDB stores, Graph, mail through the outbox, Teams through the bot. */
export function createApprovalPorts(input: ApprovalWiringInput): ApprovalPorts {
  return {
    approvals: createApprovalStore(input.db),
    decisions: createApprovalDecisionStore(input.db),
    notices: createApprovalNoticeLog(input.db),
    settings: createApprovalSettingsStore(input.db),
    directory: createApproverDirectory(input.graph),
    signer: createApprovalSigner(input.config.signingKey),
    expiryLeadMs: input.config.expiryLeadMs,
    createMessenger: (mail) =>
      createApprovalMessenger({
        mail,
        teams: input.teams,
        conversations: input.conversations,
        originator: input.config.originator,
        sender: input.config.mailSender,
        approvalsUrl: approvalsViewUrl(input.publicUrl),
        tabUrl: input.publicUrl,
      }),
  };
}
