import { Type } from 'typebox';

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** The most group ids one look-up names (a rule rarely names more than a few groups). */
export const MAX_IDS = 20;

export const GroupsQuery = Type.Object(
  {
    search: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        pattern: '\\S',
        description: 'Start of a word of the group name, e.g. "fin" for "Corporate Finance"',
      }),
    ),
    ids: Type.Optional(
      Type.String({
        pattern: `^${GUID}(,${GUID}){0,${MAX_IDS - 1}}$`,
        description: `Up to ${MAX_IDS} group ids, comma-separated: the groups a saved rule names, to show their names`,
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
  },
  { additionalProperties: false },
);

export const GroupListView = Type.Object({
  groups: Type.Array(
    Type.Object({
      id: Type.String(),
      displayName: Type.String(),
      description: Type.Union([Type.String(), Type.Null()]),
    }),
    { description: 'By name for a search; for ids, those Microsoft Graph still knows' },
  ),
});
