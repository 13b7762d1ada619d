import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getDirectorySyncStatus, requestDirectorySync } from '../../../domain/directory/manage-directory-sync.js';
import type { DirectorySync } from '../../../domain/directory/sync-directory.js';
import { errorResponses } from '../../schemas/error-body.js';
import { DirectorySyncView, RequestSyncBody, toDirectorySyncView } from './schemas.js';

export const directoryRoutes: FastifyPluginAsyncTypebox<{ directorySync: DirectorySync }> = async (app, { directorySync }) => {
  app.get(
    '/directory/sync',
    { schema: { tags: ['directory'], summary: 'Progress of the directory sync from Microsoft Graph (organizers)', response: { 200: DirectorySyncView, ...errorResponses } } },
    async (request) => toDirectorySyncView(await getDirectorySyncStatus(directorySync, request.actor)),
  );

  app.post(
    '/directory/sync',
    {
      schema: {
        tags: ['directory'],
        summary: 'Sync the directory now: the changes since the last sync, or everyone with { full: true } (organizers)',
        body: RequestSyncBody,
        response: { 202: DirectorySyncView, ...errorResponses },
      },
      // The body is optional: a POST without one asks for an incremental sync.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const status = await requestDirectorySync(directorySync, request.actor, { full: request.body.full ?? false });
      return reply.code(202).send(toDirectorySyncView(status));
    },
  );
};
