import { describe, expect, it } from 'vitest';
import { createApprovalSigner } from './approval-signature.js';

const signer = createApprovalSigner('a-signing-key-of-at-least-thirty-two-characters');
const fields = {
  approvalId: 'approval-1',
  approverId: '8C3F5E4A-6D7F-4A01-9C2D-3E4F5A6B7C83',
  expiresAt: new Date('2025-03-10T16:00:00Z'),
};

describe('approval card signatures', () => {
  it('verifies what it signed, whatever the case of the approver id', () => {
    const signature = signer.sign(fields);
    expect(signature).toMatch(/^v1\.[A-Za-z0-9_-]{43}$/);
    expect(signer.verify(fields, signature)).toBe(true);
    expect(signer.verify({ ...fields, approverId: fields.approverId.toLowerCase() }, signature)).toBe(true);
  });

  it.each([
    ['another approval id', { ...fields, approvalId: 'approval-2' }],
    ['another approver', { ...fields, approverId: 'someone-else' }],
    ['another expiry', { ...fields, expiresAt: new Date('2025-03-11T16:00:00Z') }],
  ])('refuses the signature for %s', (_case, other) => {
    expect(signer.verify(other, signer.sign(fields))).toBe(false);
  });

  it.each([
    ['a flipped character', (s: string) => `${s.slice(0, -1)}${s.endsWith('A') ? 'B' : 'A'}`],
    ['a truncated signature', (s: string) => s.slice(0, -2)],
    ['no version prefix', (s: string) => s.slice(3)],
    ['an empty string', () => ''],
  ])('refuses %s', (_case, tamper) => {
    expect(signer.verify(fields, tamper(signer.sign(fields)))).toBe(false);
  });

  it('refuses signatures that are not strings, and those made with another key', () => {
    expect(signer.verify(fields, undefined)).toBe(false);
    expect(signer.verify(fields, 42)).toBe(false);
    expect(signer.verify(fields, { signature: signer.sign(fields) })).toBe(false);
    const other = createApprovalSigner('another-signing-key-of-thirty-two-characters!');
    expect(signer.verify(fields, other.sign(fields))).toBe(false);
  });

  it('refuses keys too short to be secret', () => {
    expect(() => createApprovalSigner('short')).toThrow(RangeError);
  });
});
