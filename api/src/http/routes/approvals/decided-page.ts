import { Type, type Static } from 'typebox';
import type { DecidedCursor } from '../../../domain/approvals/approval.js';
import type { DecidedPage } from '../../../domain/approvals/list-decided-approvals.js';
import { decodePageCursor, encodePageCursor } from '../../../domain/shared/page-cursor.js';
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
  return encodePageCursor([cursor.decidedAt.getTime(), cursor.approvalId]);
}

/** The page cursor this list handed out; anything else is a 400 naming `cursor`. */
export function decodeCursor(cursor: string | undefined): DecidedCursor | null {
  if (cursor === undefined) return null;
  return decodePageCursor(cursor, ([time, approvalId, ...rest]) =>
    Number.isSafeInteger(time) && typeof approvalId === 'string' && rest.length === 0
      ? { decidedAt: new Date(time as number), approvalId }
      : null,
  );
}

export function toDecidedList(page: DecidedPage): Static<typeof DecidedList> {
  return {
    approvals: page.items.map(toApprovalView),
    nextCursor: page.next && encodeCursor(page.next),
  };
}
