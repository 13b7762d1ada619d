import { Type } from 'typebox';

/** Every error answer: { statusCode, code, error, message, details? } (codes from api/src/errors.ts). */
export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String(),
    error: Type.String(),
    message: Type.String(),
    details: Type.Optional(
      Type.Object({ field: Type.Optional(Type.String()), location: Type.Optional(Type.String()) }, { additionalProperties: true }),
    ),
  },
  { $id: 'ErrorBody' },
);

/** Error answers to list in each route's response schema. */
export const errorResponses = {
  '4xx': Type.Ref('ErrorBody'),
  '5xx': Type.Ref('ErrorBody'),
} as const;
