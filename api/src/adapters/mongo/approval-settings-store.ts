import type { Db } from 'mongodb';
import type { ApprovalSettings, ApprovalSettingsStore } from '../../domain/approvals/approval-settings.js';
import type {
  TeamsConversation,
  TeamsConversationStore,
} from '../../domain/approvals/teams-conversations.js';
import { collectionNames } from './collections.js';
import { withStore } from './store-errors.js';
import { inTenant } from './tenant-filter.js';

/** One supervisor's settings; `_id` is `${tenantId}:${userId}` (lower-cased), `delegateKey` the delegate's id lower-cased. */
export interface ApprovalSettingsDocument extends ApprovalSettings {
  _id: string;
  delegateKey: string | null;
}

/** One person's Teams conversation with the bot; `_id` is `${tenantId}:${userId}` (lower-cased). */
export interface TeamsConversationDocument extends TeamsConversation {
  _id: string;
}

const personKey = (tenantId: string, userId: string) => `${tenantId}:${userId.toLowerCase()}`;

export function createApprovalSettingsStore(db: Db): ApprovalSettingsStore {
  const settings = db.collection<ApprovalSettingsDocument>(collectionNames.approvalSettings);
  const strip = ({ _id, delegateKey: _key, ...rest }: ApprovalSettingsDocument): ApprovalSettings => rest;
  return {
    find: (scope, userId) =>
      withStore(async () => {
        const found = await settings.findOne(
          inTenant<ApprovalSettingsDocument>(scope, { _id: personKey(scope.tenantId, userId) }),
        );
        return found && strip(found);
      }),
    save: (next) =>
      withStore(async () => {
        const _id = personKey(next.tenantId, next.userId);
        const document: ApprovalSettingsDocument = {
          _id,
          ...next,
          delegateKey: next.delegation?.delegate.id.toLowerCase() ?? null,
        };
        await settings.replaceOne({ _id }, document, { upsert: true });
      }),
    listByDelegate: (scope, delegateId) =>
      withStore(async () =>
        (
          await settings
            .find(inTenant<ApprovalSettingsDocument>(scope, { delegateKey: delegateId.toLowerCase() }))
            .toArray()
        ).map(strip),
      ),
  };
}

export function createTeamsConversationStore(db: Db): TeamsConversationStore {
  const conversations = db.collection<TeamsConversationDocument>(collectionNames.teamsConversations);
  return {
    save: (conversation) =>
      withStore(async () => {
        const _id = personKey(conversation.tenantId, conversation.userId);
        await conversations.replaceOne({ _id }, conversation, { upsert: true });
      }),
    find: (scope, userId) =>
      withStore(async () => {
        const found = await conversations.findOne(
          inTenant<TeamsConversationDocument>(scope, { _id: personKey(scope.tenantId, userId) }),
        );
        if (!found) return null;
        const { _id, ...conversation } = found;
        return conversation;
      }),
  };
}
