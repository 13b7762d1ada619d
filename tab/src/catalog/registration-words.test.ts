import { describe, expect, it } from 'vitest';
import type { RegistrationView } from '../api-types.js';
import { declineCommentOf, describeRegistration } from './registration-words.js';

const now = new Date('2026-11-30T12:00:00Z');
const session = { status: 'scheduled' as const, startsAt: '2026-12-01T14:00:00Z', cancellation: null };
const base = { seat: null, waitlistPosition: null, invite: 'pending' as const, closedBy: null };
const registration = (status: RegistrationView['status'], more: Partial<RegistrationView> = {}) => ({
  ...base,
  status,
  ...more,
});

describe('describeRegistration', () => {
  it('names the waitlist place', () => {
    expect(describeRegistration(registration('waitlisted', { waitlistPosition: 12 }), session, now)).toEqual({
      badge: { text: 'Waitlisted · number 12', color: 'warning' },
      detail: "You're number 12 on the waitlist. We'll tell you when a seat frees up.",
      canCancel: true,
    });
  });

  it('says who is being waited for, and that the seat is held', () => {
    const words = describeRegistration(registration('pendingApproval', { seat: 3 }), session, now);
    expect(words.badge).toEqual({ text: 'Awaiting approval', color: 'warning' });
    expect(words.detail).toBe("Waiting for your supervisor's approval. Your seat is held meanwhile.");
  });

  it('names the approver, and a delegate who may decide for them', () => {
    const approval = {
      approvalId: 'a1',
      approver: { id: 'megan', displayName: 'Megan Bowen' },
      delegate: null,
    };
    expect(describeRegistration(registration('pendingApproval', { approval }), session, now).detail).toBe(
      "Waiting for Megan Bowen's approval. Your seat is held meanwhile.",
    );
    const delegated = {
      ...approval,
      delegate: { id: 'alex', displayName: 'Alex Wilber', until: null },
    };
    expect(
      describeRegistration(registration('pendingApproval', { approval: delegated }), session, now).detail,
    ).toBe(
      "Waiting for Megan Bowen's approval (or Alex Wilber, deciding for them). Your seat is held meanwhile.",
    );
  });

  it('says whether a confirmed seat is in Outlook yet', () => {
    expect(
      describeRegistration(registration('confirmed', { seat: 1, invite: 'sent' }), session, now),
    ).toMatchObject({
      badge: { text: 'Confirmed · seat 1', color: 'success' },
      detail: 'Confirmed — in your Outlook calendar.',
    });
    expect(describeRegistration(registration('confirmed', { seat: 1 }), session, now).detail).toBe(
      'Confirmed — the Outlook invitation is on its way.',
    );
  });

  it("quotes the supervisor's comment on a decline, and tells an expiry apart", () => {
    const declined = registration('declined', { closedBy: { userId: 'megan', role: 'supervisor' } });
    expect(
      describeRegistration(declined, session, now, { declineComment: 'Quarter close that week' }),
    ).toEqual({
      badge: { text: 'Declined', color: 'danger' },
      detail: 'Your supervisor declined: “Quarter close that week”',
      canCancel: false,
    });
    expect(describeRegistration(declined, session, now).detail).toBe(
      'Your supervisor declined this registration.',
    );
    const expired = registration('declined', { closedBy: { userId: null, role: 'system' } });
    expect(describeRegistration(expired, session, now).detail).toMatch(/did not answer before the deadline/);
  });

  it('allows cancelling until the session starts, and never after a cancelled session', () => {
    const started = { ...session, startsAt: '2026-11-30T11:00:00Z' };
    expect(describeRegistration(registration('confirmed'), started, now).canCancel).toBe(false);
    expect(describeRegistration(registration('attended'), session, now).canCancel).toBe(false);
    const cancelled = {
      ...session,
      status: 'cancelled' as const,
      cancellation: { at: '', message: 'Nestor is ill' },
    };
    expect(describeRegistration(registration('confirmed'), cancelled, now)).toEqual({
      badge: { text: 'Session cancelled', color: 'danger' },
      detail: 'This session was cancelled: “Nestor is ill”',
      canCancel: false,
    });
  });
});

describe('declineCommentOf', () => {
  it("reads the latest decline's reason when a supervisor made it", () => {
    const supervisor = { userId: 'megan', role: 'supervisor' as const };
    expect(
      declineCommentOf([
        { to: 'pendingApproval', by: { userId: null, role: 'system' }, reason: null },
        { to: 'declined', by: supervisor, reason: 'Not this month' },
        { to: 'requested', by: { userId: 'adele', role: 'employee' }, reason: null },
        { to: 'declined', by: supervisor, reason: 'Still the close' },
      ]),
    ).toBe('Still the close');
    expect(
      declineCommentOf([{ to: 'declined', by: { userId: null, role: 'system' }, reason: 'expired' }]),
    ).toBeNull();
    expect(declineCommentOf([])).toBeNull();
  });
});
