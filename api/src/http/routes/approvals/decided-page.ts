import { Type, type Static } from 'typebox';
import type { DecidedCursor } from '../../../domain/approvals/approval.js';
import type { DecidedPage } from '../../../domain/approvals/list-decided-approvals.js';
import { createError } from '../../../errors.js';
import { toApprovalView } from './schemas.js';

export const DecidedQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
    cursor: Type.Optional(
      Type.String({
        maxLength: 200,
        pattern: '^[A-Za-z0-9_-]+$',
        description: 'nextCursor of the previous page',
      }),
    ),
  },
  { additionalProperties: false },
);
export type DecidedQuery = Static<typeof DecidedQuery>;

export const DecidedList = Type.Object({
  approvals: Type.Array(Type.Ref('ApprovalView')),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Null on the last page' }),
});

function encodeCursor(cursor: DecidedCursor): string {
  return Buffer.from(JSON.stringify([cursor.decidedAt.getTime(), cursor.approvalId])).toString('base64url');
}

/** The page cursor this list handed out; anything else is a 400 naming `cursor`. */
export function decodeCursor(cursor: string | undefined): DecidedCursor | null {
  if (cursor === undefined) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2) {
      const [time, approvalId] = decoded as unknown[];
      if (Number.isSafeInteger(time) && typeof approvalId === 'string') {
        return { decidedAt: new Date(time as number), approvalId };
      }
    }
  } catch {
    // Not base64url JSON: answered below like any other foreign cursor.
  }
  throw createError('CAMPUS_ERR_VALIDATION', 'cursor is not a page cursor returned by this list', {
    details: { location: 'querystring', field: '/cursor' },
  });
}

export function toDecidedList(page: DecidedPage): Static<typeof DecidedList> {
  return {
    approvals: page.items.map(toApprovalView),
    nextCursor: page.next && encodeCursor(page.next),
  };
}
