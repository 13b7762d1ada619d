import { describe, expect, it } from 'vitest';
import { registrationState } from './registration-state.js';

const now = new Date('2026-11-30T12:00:00Z');
const session = { status: 'scheduled' as const, startsAt: '2026-12-01T14:00:00Z', seatsLeft: 3 };

describe('registrationState', () => {
  it("shows the viewer's own registration first, even on a full session", () => {
    expect(registrationState({ ...session, seatsLeft: 0 }, { status: 'confirmed' }, now)).toBe('confirmed');
    expect(registrationState({ ...session, seatsLeft: 0 }, { status: 'requested' }, now)).toBe('requested');
  });

  it('offers registration while seats are left, and after a cancelled registration', () => {
    expect(registrationState(session, undefined, now)).toBe('open');
    expect(registrationState(session, { status: 'cancelled' }, now)).toBe('open');
    expect(registrationState({ ...session, seatsLeft: 0 }, undefined, now)).toBe('full');
  });

  it('closes cancelled and already started sessions', () => {
    expect(registrationState({ ...session, status: 'cancelled' }, undefined, now)).toBe('closed');
    expect(registrationState({ ...session, startsAt: '2026-11-30T12:00:00Z' }, undefined, now)).toBe(
      'closed',
    );
  });
});
