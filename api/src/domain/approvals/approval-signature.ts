import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an approval card's signature covers: which request, whose decision it is, and until when. */
export interface SignedApproval {
  approvalId: string;
  approverId: string;
  expiresAt: Date;
}

/**
 * Signs the data of Approve/Decline buttons so a card payload edited on its way back (another request's id, a
 * made-up signature) is refused before anything is looked up. The signature is not what authorizes a decision:
 * the invoking user must still be the approver or their delegate.
 */
export interface ApprovalSigner {
  sign(fields: SignedApproval): string;
  verify(fields: SignedApproval, signature: unknown): boolean;
}

/** Version prefix: a later key or algorithm can be told apart from this one. */
const VERSION = 'v1';

function message(fields: SignedApproval): string {
  return [VERSION, fields.approvalId, fields.approverId.toLowerCase(), fields.expiresAt.toISOString()].join(
    '\n',
  );
}

/** HMAC-SHA256 with the approval signing key (config CAMPUS_APPROVAL_SIGNING_KEY). */
export function createApprovalSigner(key: string): ApprovalSigner {
  if (key.length < 32) throw new RangeError('the approval signing key must be at least 32 characters long');
  const sign = (fields: SignedApproval): string =>
    `${VERSION}.${createHmac('sha256', key).update(message(fields)).digest('base64url')}`;
  return {
    sign,
    verify(fields, signature) {
      if (typeof signature !== 'string') return false;
      const expected = Buffer.from(sign(fields));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
