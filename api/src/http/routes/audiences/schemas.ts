import { Type, type Static } from 'typebox';
import type { SavedAudience } from '../../../domain/audiences/audience.js';
import { Nullable, personProperties } from '../../schemas/person-view.js';
import { UUID } from '../sessions/schemas.js';

const CURSOR = Type.String({ maxLength: 500, pattern: '^[A-Za-z0-9_-]+$' });

/**
 * The rule is checked by the domain's grammar (api/src/domain/audiences/audience-rule.ts), which names the clause
 * at fault as a JSON pointer; a JSON schema here would answer "must match anyOf" for the same mistakes.
 */
const Rule = Type.Unknown({
  description:
    'Targeting rule: { all | any: [rules] }, { not: rule }, { department | officeLocation | city | country | employeeType: { is: [values] } }, ' +
    "{ jobTitle: { equals | startsWith | contains: text } }, { manager: { under: personId, scope?: 'anyDepth' | 'direct' } }, " +
    '{ group: { memberOf: groupId } }, { people: { include | exclude: [personIds] } }, { attendance: { notAttendedTopic: text } }',
  examples: [{ all: [{ department: { is: ['Finance'] } }, { officeLocation: { is: ['London'] } }] }],
});

export const AudienceIdParams = Type.Object(
  { audienceId: Type.String({ pattern: UUID }) },
  { additionalProperties: false },
);

export const CreateAudienceBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' }),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
    rule: Rule,
  },
  { additionalProperties: false, required: ['name', 'rule'] },
);

export const UpdateAudienceBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' })),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
    rule: Type.Optional(Rule),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const PreviewBody = Type.Object({ rule: Rule }, { additionalProperties: false, required: ['rule'] });

export const ListAudiencesQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }), cursor: Type.Optional(CURSOR) },
  { additionalProperties: false },
);

export const MembersQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }), cursor: Type.Optional(CURSOR) },
  { additionalProperties: false },
);

export const AudienceView = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    description: Nullable,
    rule: Rule,
    createdBy: Type.Object({ id: Type.String(), displayName: Type.String() }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'AudienceView' },
);
export type AudienceView = Static<typeof AudienceView>;

export const AudiencePageView = Type.Object({
  audiences: Type.Array(Type.Ref('AudienceView')),
  nextCursor: Nullable,
});

const Warnings = Type.Array(
  Type.Object({ field: Type.String({ description: 'JSON pointer into the rule' }), message: Type.String() }),
  {
    description:
      'Clauses of a saved rule that name a person or group gone since it was saved; they select nobody',
  },
);

const Breakdown = Type.Array(
  Type.Object({
    value: Nullable,
    count: Type.Integer(),
    other: Type.Boolean({
      description: 'True for the bucket adding up every value beyond the top 10 (its value is null)',
    }),
  }),
  {
    description:
      'Top 10 values by members, then members without a value (value null), then the rest as one bucket',
  },
);

export const PreviewView = Type.Object({
  total: Type.Integer({ description: 'Enabled, not deleted people the rule selects now' }),
  byOffice: Breakdown,
  byDepartment: Breakdown,
  byTimeZone: Breakdown,
  sample: Type.Array(
    Type.Object({
      id: Type.String(),
      displayName: Type.String(),
      jobTitle: Nullable,
      department: Nullable,
      officeLocation: Nullable,
    }),
    { description: 'Up to 10 members spread evenly over the audience; the same ones for the same audience' },
  ),
  warnings: Warnings,
});

export const MemberPageView = Type.Object({
  total: Type.Integer(),
  members: Type.Array(
    Type.Object({
      ...personProperties,
      timeZone: Type.Union([Type.String({ description: 'Windows time zone name' }), Type.Null()]),
    }),
  ),
  nextCursor: Nullable,
  warnings: Warnings,
});

export const FieldValuesParams = Type.Object(
  {
    field: Type.String({
      maxLength: 100,
      description:
        'department, jobTitle, officeLocation, city, country or employeeType (anything else is a 400 naming it)',
    }),
  },
  { additionalProperties: false },
);

export const FieldValuesQuery = Type.Object(
  {
    search: Type.String({
      maxLength: 200,
      default: '',
      description: 'Text the value contains, ignoring case; empty for the largest values',
    }),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);

export const FieldValuesView = Type.Object({
  field: Type.String(),
  values: Type.Array(
    Type.Object({
      value: Type.String(),
      people: Type.Integer({ description: 'Enabled, not deleted people with this value now' }),
    }),
    {
      description:
        'Values starting with the text first, then those with a word starting with it, then the rest; more people first',
    },
  ),
});

export function toAudienceView(audience: SavedAudience): AudienceView {
  return {
    id: audience.id,
    name: audience.name,
    description: audience.description,
    rule: audience.rule,
    createdBy: audience.createdBy,
    createdAt: audience.createdAt.toISOString(),
    updatedAt: audience.updatedAt.toISOString(),
  };
}
