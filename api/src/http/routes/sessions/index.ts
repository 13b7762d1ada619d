import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createError } from '../../../errors.js';
import { Type } from 'typebox';
import type { Campus } from '../../../domain/campus.js';
import { errorResponses } from '../../schemas/error-body.js';
import {
  CancelSessionBody,
  CreateSessionBody,
  ListSessionsQuery,
  SessionIdParams,
  SessionPageView,
  toSessionView,
  UpdateSessionBody,
} from './schemas.js';

export const sessionRoutes: FastifyPluginAsyncTypebox<{ campus: Campus }> = async (app, { campus }) => {
  app.get(
    '/sessions',
    { schema: { tags: ['sessions'], summary: 'Upcoming sessions of the catalog', querystring: ListSessionsQuery, response: { 200: SessionPageView, ...errorResponses } } },
    async (request) => {
      const page = await campus.listSessions(request.actor, { limit: request.query.limit, cursor: request.query.cursor ?? null });
      return { sessions: page.items.map(toSessionView), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/sessions',
    { schema: { tags: ['sessions'], summary: 'Create a session (organizers)', body: CreateSessionBody, response: { 201: Type.Ref('SessionView'), ...errorResponses } } },
    async (request, reply) => {
      const { location, approval, ...rest } = request.body;
      const session = await campus.createSession(request.actor, { ...rest, location: location ?? null, approval: approval ?? 'none' });
      return reply.code(201).send(toSessionView({ session, seatsTaken: 0 }));
    },
  );

  app.get(
    '/sessions/:sessionId',
    { schema: { tags: ['sessions'], summary: 'One session', params: SessionIdParams, response: { 200: Type.Ref('SessionView'), ...errorResponses } } },
    async (request) => {
      const found = await campus.getSession(request.actor, request.params.sessionId);
      if (!found) throw createError('CAMPUS_ERR_SESSION_NOT_FOUND', `session '${request.params.sessionId}' does not exist`);
      return toSessionView(found);
    },
  );

  app.patch(
    '/sessions/:sessionId',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Change title, abstract, time or capacity (organizers); registrants and the Outlook event follow',
        params: SessionIdParams,
        body: UpdateSessionBody,
        response: { 200: Type.Ref('SessionView'), ...errorResponses },
      },
    },
    async (request) => toSessionView(await campus.updateSession(request.actor, request.params.sessionId, request.body)),
  );

  app.post(
    '/sessions/:sessionId/cancel',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Cancel a session (organizers): every registration is cancelled and the Outlook meeting cancelled with the message',
        params: SessionIdParams,
        body: CancelSessionBody,
        response: { 200: Type.Ref('SessionView'), ...errorResponses },
      },
    },
    async (request) => {
      const session = await campus.cancelSession(request.actor, request.params.sessionId, request.body.message);
      const found = await campus.getSession(request.actor, session.id);
      return toSessionView(found ?? { session, seatsTaken: 0 });
    },
  );
};
