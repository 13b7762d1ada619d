import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Campus } from '../../../domain/campus.js';
import { errorResponses } from '../../schemas/error-body.js';
import { SessionIdParams } from '../sessions/schemas.js';
import { toRegistrationView } from './schemas.js';

export const registrationRoutes: FastifyPluginAsyncTypebox<{ campus: Campus }> = async (app, { campus }) => {
  app.post(
    '/sessions/:sessionId/registrations',
    {
      schema: {
        tags: ['registrations'],
        summary: 'Register the signed-in user for a session',
        params: SessionIdParams,
        response: { 201: Type.Ref('RegistrationView'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { registration } = await campus.registerForSession(request.actor, request.params.sessionId);
      return reply.code(201).send(toRegistrationView(registration));
    },
  );
};
