import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Campus } from '../../../domain/campus.js';
import { errorResponses } from '../../schemas/error-body.js';

const PeopleQuery = Type.Object(
  { search: Type.String({ maxLength: 100 }), limit: Type.Integer({ minimum: 1, maximum: 25, default: 10 }) },
  { additionalProperties: false },
);

const Nullable = Type.Union([Type.String(), Type.Null()]);
const PeopleView = Type.Object({
  people: Type.Array(
    Type.Object({ id: Type.String(), displayName: Type.String(), mail: Type.String(), jobTitle: Nullable, department: Nullable, officeLocation: Nullable }),
  ),
});

export const peopleRoutes: FastifyPluginAsyncTypebox<{ campus: Campus }> = async (app, { campus }) => {
  app.get(
    '/people',
    { schema: { tags: ['people'], summary: 'Find people in the directory: presenters (organizers), delegates (supervisors)', querystring: PeopleQuery, response: { 200: PeopleView, ...errorResponses } } },
    async (request) => ({ people: await campus.searchPresenters(request.actor, request.query.search, request.query.limit) }),
  );
};
