import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { sendGraphError } from '../../graph-http.js';
import { findUser, type TenantState } from '../../state.js';
import { authorizeMailbox } from '../calendar/access.js';
import { listByOwner } from '../calendar/event-store.js';
import { parseSendMail } from './send-mail-input.js';

/**
 * Mail of the dev tenant's Graph v1.0. Nothing leaves the machine: every message sent lands in state.outbox,
 * which tests read through devMailRoutes.
 */
export const mailRoutes: FastifyPluginAsync<{ state: TenantState }> = async (app, { state }) => {
  // Send mail: https://learn.microsoft.com/graph/api/user-sendmail — 202 Accepted, no body.
  app.post<{ Params: { userId: string } }>('/users/:userId/sendMail', async (request, reply) => {
    const sender = authorizeMailbox(state, request, reply, request.params.userId, 'sendMail');
    if (!sender) return reply;
    const parsed = parseSendMail(request.body);
    if ('code' in parsed) return sendGraphError(request, reply, 400, parsed.code, parsed.message);
    state.outbox.push({
      id: randomUUID(),
      kind: 'sendMail',
      fromUserId: sender.id,
      toAddresses: parsed.recipients,
      subject: parsed.subject,
      body: parsed.body,
      eventId: null,
      sentDateTime: new Date().toISOString(),
      raw: parsed.message,
    });
    return reply.code(202).send();
  });
};

const KINDS = ['sendMail', 'meetingRequest', 'meetingUpdate', 'meetingCancellation'];

/** Test controls under '/_dev' (no auth): read and clear the outbox, read any mailbox's calendar. */
export const devMailRoutes: FastifyPluginAsync<{ state: TenantState }> = async (app, { state }) => {
  app.get<{ Querystring: { to?: string; kind?: string; eventId?: string } }>(
    '/outbox',
    async (request, reply) => {
      const { to, kind, eventId } = request.query;
      if (kind !== undefined && !KINDS.includes(kind)) {
        return reply
          .code(400)
          .send({ error: { code: 'InvalidKind', message: `kind must be one of ${KINDS.join(', ')}.` } });
      }
      const address = to?.toLowerCase();
      const value = state.outbox.filter(
        (message) =>
          (address === undefined ||
            message.toAddresses.some((candidate) => candidate.toLowerCase() === address)) &&
          (kind === undefined || message.kind === kind) &&
          (eventId === undefined || message.eventId === eventId),
      );
      return reply.send({ value });
    },
  );

  app.delete('/outbox', async (_request, reply) => {
    state.outbox.length = 0;
    return reply.code(204).send();
  });

  app.get<{ Params: { user: string } }>('/calendars/:user/events', async (request, reply) => {
    const user = findUser(state, request.params.user);
    if (!user) {
      return reply
        .code(404)
        .send({
          error: { code: 'UserNotFound', message: `No user '${request.params.user}' in the dev tenant.` },
        });
    }
    return reply.send({ value: listByOwner(state, user.id) });
  });
};
