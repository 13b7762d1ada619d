import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Campus } from '../../../domain/campus.js';
import { errorResponses } from '../../schemas/error-body.js';
import { approvesForOf, ApprovesForView } from '../approvals/delegations.js';
import { withApprovalWaits } from '../approvals/registration-approval.js';
import { toRegistrationView } from '../registrations/schemas.js';
import { toSessionView } from '../sessions/schemas.js';

const MeView = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  mail: Type.String(),
  roles: Type.Array(Type.Union([Type.Literal('employee'), Type.Literal('organizer'), Type.Literal('supervisor')])),
  approvesFor: ApprovesForView,
});

const NotificationsQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }) }, { additionalProperties: false });

const NotificationsView = Type.Object({
  notifications: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.Enum(['waitlisted', 'promoted', 'cancelled', 'approved', 'declined', 'rescheduled', 'sessionCancelled'] as const),
      sessionId: Type.String(),
      registrationId: Type.String(),
      sessionTitle: Type.String(),
      message: Type.String(),
      createdAt: Type.String({ format: 'date-time' }),
    }),
  ),
});

const MySessionsView = Type.Object({
  sessions: Type.Array(Type.Object({ session: Type.Ref('SessionView'), registration: Type.Ref('RegistrationView') })),
});

/** Registered after the sessions and registrations routes, whose shared schemas it references. */
export const meRoutes: FastifyPluginAsyncTypebox<{ campus: Campus }> = async (app, { campus }) => {
  app.get('/me', { schema: { tags: ['me'], summary: 'The signed-in user and their Campus roles', response: { 200: MeView, ...errorResponses } } }, async (request) => {
    const { userId, displayName, mail, roles } = request.actor;
    return { id: userId, displayName, mail, roles: [...roles], approvesFor: await approvesForOf(campus.approvals, request.actor) };
  });

  app.get(
    '/me/sessions',
    { schema: { tags: ['me'], summary: 'Sessions the signed-in user is registered for', response: { 200: MySessionsView, ...errorResponses } } },
    async (request) => {
      const items = await campus.listMySessions(request.actor);
      const registrations = await withApprovalWaits(campus.approvals, request.actor, items.map((item) => toRegistrationView(item.registration, item.position)));
      return { sessions: items.map((item, index) => ({ session: toSessionView(item), registration: registrations[index] })) };
    },
  );

  app.get(
    '/me/notifications',
    {
      schema: {
        tags: ['me'],
        summary: 'What happened to the signed-in user\'s registrations (waitlisted, promoted, cancelled, decided…), newest first',
        querystring: NotificationsQuery,
        response: { 200: NotificationsView, ...errorResponses },
      },
    },
    async (request) => {
      const notifications = await campus.listMyNotifications(request.actor, request.query.limit);
      return { notifications: notifications.map(({ tenantId: _tenantId, userId: _userId, createdAt, ...rest }) => ({ ...rest, createdAt: createdAt.toISOString() })) };
    },
  );
};
