import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Campus } from '../../../domain/campus.js';
import { errorResponses } from '../../schemas/error-body.js';
import { withApprovalWaits } from '../approvals/registration-approval.js';
import { SessionIdParams } from '../sessions/schemas.js';
import {
  AttendanceBody,
  CancelRegistrationBody,
  RegistrationHistoryView,
  RegistrationIdParams,
  SessionRegistrationsView,
  toAttendeeView,
  toChangeView,
  toRegistrationView,
} from './schemas.js';

const tags = ['registrations'];
const registrationAnswer = { 200: Type.Ref('RegistrationView'), ...errorResponses };

export const registrationRoutes: FastifyPluginAsyncTypebox<{ campus: Campus }> = async (app, { campus }) => {
  app.post(
    '/sessions/:sessionId/registrations',
    {
      schema: {
        tags,
        summary: 'Register the signed-in user: a seat (confirmed, or pendingApproval) or a place on the waitlist',
        params: SessionIdParams,
        response: { 201: Type.Ref('RegistrationView'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { registration, position } = await campus.registerForSession(request.actor, request.params.sessionId);
      const [view] = await withApprovalWaits(campus.approvals, request.actor, [toRegistrationView(registration, position)]);
      return reply.code(201).send(view);
    },
  );

  const cancelMine = { tags, summary: "Cancel the signed-in user's registration; the next waitlisted person is promoted", params: SessionIdParams, response: registrationAnswer };
  app.delete('/sessions/:sessionId/registrations/me', { schema: cancelMine }, async (request) =>
    toRegistrationView(await campus.cancelMyRegistration(request.actor, request.params.sessionId)),
  );
  app.post('/sessions/:sessionId/registrations/me/cancel', { schema: cancelMine }, async (request) =>
    toRegistrationView(await campus.cancelMyRegistration(request.actor, request.params.sessionId)),
  );

  app.get(
    '/sessions/:sessionId/registrations',
    {
      schema: {
        tags,
        summary: "Everyone registered for a session, in arrival order, with waitlist places (organizers)",
        params: SessionIdParams,
        response: { 200: SessionRegistrationsView, ...errorResponses },
      },
    },
    async (request) => {
      const { registrations } = await campus.listSessionRegistrations(request.actor, request.params.sessionId);
      return { registrations: registrations.map(({ registration, position }) => toAttendeeView(registration, position)) };
    },
  );

  app.post(
    '/sessions/:sessionId/attendance',
    {
      schema: {
        tags,
        summary: 'Record whether a confirmed attendee came (organizers, once the session has started)',
        params: SessionIdParams,
        body: AttendanceBody,
        response: registrationAnswer,
      },
    },
    async (request) => {
      const { userId, attended } = request.body;
      return toRegistrationView(await campus.markAttendance(request.actor, request.params.sessionId, userId, attended));
    },
  );

  app.get(
    '/registrations/:registrationId',
    { schema: { tags, summary: 'One registration (its owner or an organizer)', params: RegistrationIdParams, response: registrationAnswer } },
    async (request) => {
      const { registration, position } = await campus.getRegistration(request.actor, request.params.registrationId);
      const [view] = await withApprovalWaits(campus.approvals, request.actor, [toRegistrationView(registration, position)]);
      return view;
    },
  );

  app.post(
    '/registrations/:registrationId/cancel',
    {
      schema: {
        tags,
        summary: "Cancel a registration: one's own, or anyone's for an organizer (who may give a reason)",
        params: RegistrationIdParams,
        body: Type.Optional(CancelRegistrationBody),
        response: registrationAnswer,
      },
    },
    async (request) =>
      toRegistrationView(await campus.cancelRegistrationAs(request.actor, request.params.registrationId, request.body?.reason?.trim() ?? null)),
  );

  app.get(
    '/registrations/:registrationId/history',
    {
      schema: {
        tags,
        summary: 'Every change of a registration, with who made it and when (its owner or an organizer)',
        params: RegistrationIdParams,
        response: { 200: RegistrationHistoryView, ...errorResponses },
      },
    },
    async (request) => {
      const { registration, changes } = await campus.getRegistrationHistory(request.actor, request.params.registrationId);
      return { registration: toRegistrationView(registration), changes: changes.map(toChangeView) };
    },
  );
};
