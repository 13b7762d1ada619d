import { buildApprovalCard } from '@campus/bot';
import type { ApprovalMessenger } from '../../domain/approvals/approval-ports.js';
import type { DurableMail } from '../../domain/approvals/create-approvals.js';
import type { TeamsConversationStore } from '../../domain/approvals/teams-conversations.js';
import type { BotConversationReference } from '@campus/bot';
import { toBotApproval } from './approval-card-state.js';
import { approvalOutcomeMail, approvalRequestHtml } from './approval-mail.js';
import type { TeamsOutbox } from './teams-outbox.js';

export interface ApprovalMessengerDeps {
  mail: DurableMail;
  /** Approval cards for Teams, posted by its worker once each (keyed like the mail). */
  teams: Pick<TeamsOutbox, 'record'>;
  conversations: TeamsConversationStore;
  /** The actionable-message provider id (CAMPUS_ACTIONABLE_ORIGINATOR). */
  originator: string;
  /** The mailbox Campus mails are sent from (CAMPUS_MAIL_SENDER); null sends each as the person it is from. */
  sender: string | null;
  approvalsUrl: string;
  tabUrl: string;
}

/**
 * Approval messages: every request and reminder by mail through the outbox (its key sends it once, whatever
 * retries happen), and as the same card in Teams, through the Teams outbox under the same key, to people who have
 * a personal chat with the bot. Without one, or when Teams refuses for good, the mail alone carries the request.
 */
export function createApprovalMessenger(deps: ApprovalMessengerDeps): ApprovalMessenger {
  return {
    async askToDecide(scope, request, recipient) {
      const onBehalfOf =
        request.approver && request.approver.id !== recipient.person.id ? request.approver.displayName : null;
      const approval = toBotApproval(recipient.summary, recipient.signature, onBehalfOf);
      const reminder = recipient.kind === 'reminder';
      await deps.mail.requestMail(
        scope,
        {
          fromUserId: deps.sender ?? request.employee.id,
          to: [{ email: recipient.person.mail, name: recipient.person.displayName }],
          subject: `${reminder ? 'Reminder: ' : ''}Approve ${request.employee.displayName}'s time for “${request.session.title}”?`,
          body: {
            contentType: 'html',
            content: approvalRequestHtml({
              approval,
              originator: deps.originator,
              approvalsUrl: deps.approvalsUrl,
              reminder,
            }),
          },
        },
        `approval-${recipient.kind}:${request.id}:${recipient.person.id}`,
      );
      if (!recipient.postInTeams) return;
      const conversation = await deps.conversations.find(scope, recipient.person.id);
      if (!conversation) return;
      const reference = conversation.reference as unknown as BotConversationReference;
      const card = buildApprovalCard({
        state: { state: 'pending', approval },
        host: { channel: 'msteams', refreshUserIds: [reference.user.id] },
        approvalsUrl: deps.approvalsUrl,
      });
      await deps.teams.record(scope, `approval-${recipient.kind}:${request.id}:${recipient.person.id}`, {
        userId: recipient.person.id,
        reference,
        card,
      });
    },

    async tellEmployee(scope, request, decision, summary) {
      const { subject, html } = approvalOutcomeMail(request, decision, summary, deps.tabUrl);
      const from =
        deps.sender ??
        (decision.outcome === 'expired'
          ? request.session.organizerId
          : (decision.decidedBy.userId ?? request.session.organizerId));
      await deps.mail.requestMail(
        scope,
        {
          fromUserId: from,
          to: [{ email: request.employee.mail, name: request.employee.displayName }],
          subject,
          body: { contentType: 'html', content: html },
        },
        `approval-outcome:${request.id}`,
      );
    },
  };
}
