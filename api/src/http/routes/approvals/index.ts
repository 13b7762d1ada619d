import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Approvals } from '../../../domain/approvals/create-approvals.js';
import { errorResponses } from '../../schemas/error-body.js';
import { decodeCursor, DecidedList, DecidedQuery, toDecidedList } from './decided-page.js';
import {
  ApprovalIdParams,
  ApprovalList,
  ApprovalSettingsBody,
  ApprovalSettingsView,
  ApprovalView,
  DecisionBody,
  toApprovalView,
  toSettingsView,
} from './schemas.js';

/** Supervisor approval: what waits for the signed-in user, deciding it, and their delegation and standing rules. */
export const approvalRoutes: FastifyPluginAsyncTypebox<{ approvals: Approvals }> = async (
  app,
  { approvals },
) => {
  app.addSchema(ApprovalView);

  app.get(
    '/approvals',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Approval requests waiting for the signed-in user, as approver or as an active delegate',
        response: { 200: ApprovalList, ...errorResponses },
      },
    },
    async (request) => ({ approvals: (await approvals.list(request.actor)).map(toApprovalView) }),
  );

  app.get(
    '/approvals/decided',
    {
      schema: {
        tags: ['approvals'],
        summary:
          'Requests the signed-in user decided or could have decided (as approver or delegate), newest decision first',
        querystring: DecidedQuery,
        response: { 200: DecidedList, ...errorResponses },
      },
    },
    async (request) =>
      toDecidedList(
        await approvals.listDecided(request.actor, {
          limit: request.query.limit,
          after: decodeCursor(request.query.cursor),
        }),
      ),
  );

  app.get(
    '/approvals/:approvalId',
    {
      schema: {
        tags: ['approvals'],
        summary: 'One approval request, for its approver or their active delegate',
        params: ApprovalIdParams,
        response: { 200: Type.Ref('ApprovalView'), ...errorResponses },
      },
    },
    async (request) => toApprovalView(await approvals.view(request.actor, request.params.approvalId)),
  );

  app.post(
    '/approvals/:approvalId/decision',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Approve or decline; repeating the same decision answers the same and changes nothing',
        params: ApprovalIdParams,
        body: DecisionBody,
        response: { 200: Type.Ref('ApprovalView'), ...errorResponses },
      },
    },
    async (request) => {
      const comment = request.body.comment?.trim() || null;
      await approvals.decide(request.actor, {
        approvalId: request.params.approvalId,
        decision: request.body.decision,
        comment,
      });
      return toApprovalView(await approvals.view(request.actor, request.params.approvalId));
    },
  );

  app.get(
    '/me/approval-settings',
    {
      schema: {
        tags: ['approvals'],
        summary: "The signed-in user's delegate and standing rules",
        response: { 200: ApprovalSettingsView, ...errorResponses },
      },
    },
    async (request) => toSettingsView(await approvals.getSettings(request.actor), approvals.now()),
  );

  app.put(
    '/me/approval-settings',
    {
      schema: {
        tags: ['approvals'],
        summary: "Replace the signed-in user's delegate and standing rules",
        body: ApprovalSettingsBody,
        response: { 200: ApprovalSettingsView, ...errorResponses },
      },
    },
    async (request) => {
      const { delegate, rules } = request.body;
      const settings = await approvals.updateSettings(request.actor, {
        delegate: delegate && {
          userId: delegate.userId,
          until: delegate.until ? new Date(delegate.until) : null,
        },
        rules,
      });
      return toSettingsView(settings, approvals.now());
    },
  );
};
