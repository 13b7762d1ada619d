import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Audiences } from '../../../domain/audiences/audiences.js';
import { createError } from '../../../errors.js';
import { errorResponses } from '../../schemas/error-body.js';
import { GroupListView, GroupsQuery } from './schemas.js';

/** Entra groups for the membership clauses of audience rules (organizers only). */
export const groupRoutes: FastifyPluginAsyncTypebox<{ audiences: Audiences }> = async (
  app,
  { audiences },
) => {
  app.get(
    '/groups',
    {
      schema: {
        tags: ['audiences'],
        summary: 'Groups whose name has a word starting with `search`, or the groups named by `ids`',
        querystring: GroupsQuery,
        response: { 200: GroupListView, ...errorResponses },
      },
    },
    async (request) => {
      const { search, ids, limit } = request.query;
      if ((search === undefined) === (ids === undefined)) {
        throw createError('CAMPUS_ERR_VALIDATION', 'give either search or ids', {
          details: { location: 'querystring', field: '/search' },
        });
      }
      const groups =
        search !== undefined
          ? await audiences.searchGroups(request.actor, search, limit)
          : await audiences.findGroups(request.actor, ids!.split(','));
      return { groups };
    },
  );
};
