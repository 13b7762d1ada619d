import { describe, expect, it } from 'vitest';
import { registerAction } from './registration-state.js';

const now = new Date('2026-11-30T12:00:00Z');
const session = { status: 'scheduled' as const, startsAt: '2026-12-01T14:00:00Z', seatsLeft: 3 };

describe('registerAction', () => {
  it("shows the viewer's own registration first, even on a full session", () => {
    const full = { ...session, seatsLeft: 0 };
    expect(registerAction(full, { status: 'confirmed' }, now)).toEqual({ label: 'Registered', press: null });
    expect(registerAction(full, { status: 'pendingApproval' }, now)).toEqual({
      label: 'Awaiting approval',
      press: null,
    });
    expect(registerAction(full, { status: 'waitlisted' }, now)).toEqual({
      label: 'On the waitlist',
      press: null,
    });
  });

  it('offers registration while seats are left, the waitlist once full, and a new try after a decline', () => {
    expect(registerAction(session, undefined, now)).toEqual({ label: 'Register', press: 'register' });
    expect(registerAction(session, { status: 'cancelled' }, now)).toEqual({
      label: 'Register',
      press: 'register',
    });
    expect(registerAction(session, { status: 'declined' }, now)).toEqual({
      label: 'Register again',
      press: 'register',
    });
    expect(registerAction({ ...session, seatsLeft: 0 }, undefined, now)).toEqual({
      label: 'Join the waitlist',
      press: 'register',
    });
  });

  it('closes cancelled and already started sessions', () => {
    const closed = { label: 'Closed', press: null };
    expect(registerAction({ ...session, status: 'cancelled' }, undefined, now)).toEqual(closed);
    expect(
      registerAction({ ...session, startsAt: '2026-11-30T12:00:00Z' }, { status: 'declined' }, now),
    ).toEqual(closed);
  });
});
