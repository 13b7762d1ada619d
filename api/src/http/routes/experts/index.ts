import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Audiences } from '../../../domain/audiences/audiences.js';
import { errorResponses } from '../../schemas/error-body.js';
import { personProperties } from '../../schemas/person-view.js';

const ExpertsQuery = Type.Object(
  {
    topic: Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '\\S',
      description: 'What the session is about, e.g. "Power BI"',
    }),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
  },
  { additionalProperties: false },
);

const fieldNames = Type.Union([
  Type.Literal('skills'),
  Type.Literal('responsibilities'),
  Type.Literal('jobTitle'),
  Type.Literal('aboutMe'),
]);

const ExpertSearchView = Type.Object({
  topic: Type.String(),
  words: Type.Array(Type.String(), {
    description: 'The topic words searched for (lower case, common words left out)',
  }),
  scoring: Type.Object(
    {
      weights: Type.Object({
        skills: Type.Integer(),
        responsibilities: Type.Integer(),
        jobTitle: Type.Integer(),
        aboutMe: Type.Integer(),
      }),
      exactSkillBonus: Type.Integer(),
    },
    {
      description:
        'score = Σ weight × topic words found in that field, + exactSkillBonus when a skill is the whole topic',
    },
  ),
  experts: Type.Array(
    Type.Object({
      ...personProperties,
      score: Type.Integer(),
      matchedIn: Type.Array(fieldNames, {
        description: 'Fields where a topic word was found, highest weight first',
      }),
      matchedWords: Type.Object(
        {
          skills: Type.Optional(Type.Array(Type.String())),
          responsibilities: Type.Optional(Type.Array(Type.String())),
          jobTitle: Type.Optional(Type.Array(Type.String())),
          aboutMe: Type.Optional(Type.Array(Type.String())),
        },
        { description: 'Topic words found, per field' },
      ),
      matchingSkills: Type.Array(Type.String(), {
        description: "The person's skills that contain a topic word",
      }),
      exactSkill: Type.Boolean({ description: 'One of the skills is the whole topic' }),
    }),
  ),
});

/** Expert search for choosing presenters (organizers only). */
export const expertRoutes: FastifyPluginAsyncTypebox<{ audiences: Audiences }> = async (
  app,
  { audiences },
) => {
  app.get(
    '/experts',
    {
      schema: {
        tags: ['experts'],
        summary: 'People who know about a topic, ranked, with why',
        querystring: ExpertsQuery,
        response: { 200: ExpertSearchView, ...errorResponses },
      },
    },
    async (request) => audiences.searchExperts(request.actor, request.query.topic, request.query.limit),
  );
};
