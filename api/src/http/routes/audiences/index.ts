import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Audiences } from '../../../domain/audiences/audiences.js';
import { errorResponses } from '../../schemas/error-body.js';
import {
  AudienceIdParams,
  AudiencePageView,
  AudienceView,
  CreateAudienceBody,
  FieldValuesParams,
  FieldValuesQuery,
  FieldValuesView,
  ListAudiencesQuery,
  MemberPageView,
  MembersQuery,
  PreviewBody,
  PreviewView,
  toAudienceView,
  UpdateAudienceBody,
} from './schemas.js';

/** Saved audiences, previews and recipients (organizers only: the use cases answer 403 to anyone else). */
export const audienceRoutes: FastifyPluginAsyncTypebox<{ audiences: Audiences }> = async (
  app,
  { audiences },
) => {
  app.addSchema(AudienceView);
  const tags = ['audiences'];

  app.post(
    '/audiences/preview',
    {
      schema: {
        tags,
        summary: 'Preview a rule being edited: count, breakdowns, sample',
        body: PreviewBody,
        response: { 200: PreviewView, ...errorResponses },
      },
    },
    async (request) => audiences.previewRule(request.actor, request.body.rule),
  );

  app.get(
    '/audiences/values/:field',
    {
      schema: {
        tags,
        summary: 'Known values of a directory field with their people count, for writing `is` clauses',
        params: FieldValuesParams,
        querystring: FieldValuesQuery,
        response: { 200: FieldValuesView, ...errorResponses },
      },
    },
    async (request) => {
      const { field } = request.params;
      return {
        field,
        values: await audiences.suggestFieldValues(request.actor, {
          field,
          text: request.query.search,
          limit: request.query.limit,
        }),
      };
    },
  );

  app.get(
    '/audiences',
    {
      schema: {
        tags,
        summary: 'Saved audiences by name',
        querystring: ListAudiencesQuery,
        response: { 200: AudiencePageView, ...errorResponses },
      },
    },
    async (request) => {
      const page = await audiences.list(request.actor, {
        limit: request.query.limit,
        cursor: request.query.cursor ?? null,
      });
      return { audiences: page.audiences.map(toAudienceView), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/audiences',
    {
      schema: {
        tags,
        summary: 'Save a named audience',
        body: CreateAudienceBody,
        response: { 201: Type.Ref('AudienceView'), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(toAudienceView(await audiences.create(request.actor, request.body))),
  );

  app.get(
    '/audiences/:audienceId',
    {
      schema: {
        tags,
        summary: 'One saved audience',
        params: AudienceIdParams,
        response: { 200: Type.Ref('AudienceView'), ...errorResponses },
      },
    },
    async (request) => toAudienceView(await audiences.get(request.actor, request.params.audienceId)),
  );

  app.patch(
    '/audiences/:audienceId',
    {
      schema: {
        tags,
        summary: 'Rename, describe or change the rule of an audience',
        params: AudienceIdParams,
        body: UpdateAudienceBody,
        response: { 200: Type.Ref('AudienceView'), ...errorResponses },
      },
    },
    async (request) =>
      toAudienceView(await audiences.update(request.actor, request.params.audienceId, request.body)),
  );

  app.delete(
    '/audiences/:audienceId',
    {
      schema: {
        tags,
        summary: 'Delete a saved audience',
        params: AudienceIdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await audiences.delete(request.actor, request.params.audienceId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/audiences/:audienceId/preview',
    {
      schema: {
        tags,
        summary: 'Preview a saved audience as the directory is now',
        params: AudienceIdParams,
        response: { 200: PreviewView, ...errorResponses },
      },
    },
    async (request) => audiences.preview(request.actor, request.params.audienceId),
  );

  app.get(
    '/audiences/:audienceId/members',
    {
      schema: {
        tags,
        summary: 'The members, a page at a time in id order (the rule is evaluated again for each page)',
        params: AudienceIdParams,
        querystring: MembersQuery,
        response: { 200: MemberPageView, ...errorResponses },
      },
    },
    async (request) =>
      audiences.listMembers(request.actor, request.params.audienceId, {
        limit: request.query.limit,
        cursor: request.query.cursor ?? null,
      }),
  );
};
