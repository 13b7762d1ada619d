import { describe, expect, it } from 'vitest';
import { canTransition, holdsSeat, isLive, isPassing, listTransitions, registrationStatuses, type RegistrationStatus } from './registration-states.js';

describe('the registration state machine', () => {
  it('allows exactly these transitions, each for these roles', () => {
    const table = Object.fromEntries(listTransitions().map(({ from, to, roles }) => [`${from} → ${to}`, [...roles].sort().join(',')]));
    expect(table).toEqual({
      'requested → confirmed': 'employee,system',
      'requested → pendingApproval': 'employee,system',
      'requested → waitlisted': 'employee,system',
      'requested → cancelled': 'employee,organizer,supervisor,system',
      'waitlisted → promoted': 'system',
      'waitlisted → cancelled': 'employee,organizer,supervisor,system',
      'promoted → confirmed': 'system',
      'promoted → pendingApproval': 'system',
      'promoted → cancelled': 'employee,organizer,supervisor,system',
      'pendingApproval → approved': 'supervisor',
      'pendingApproval → declined': 'supervisor,system',
      'pendingApproval → cancelled': 'employee,organizer,supervisor,system',
      'approved → confirmed': 'system',
      'approved → cancelled': 'employee,organizer,supervisor,system',
      'confirmed → cancelled': 'employee,organizer,supervisor,system',
      'confirmed → attended': 'organizer',
      'confirmed → noShow': 'organizer',
      'declined → requested': 'employee',
      'cancelled → requested': 'employee',
      'attended → noShow': 'organizer',
      'noShow → attended': 'organizer',
    });
  });

  it('refuses what is not in the table, whoever asks', () => {
    const refused: Array<[RegistrationStatus, RegistrationStatus]> = [
      ['waitlisted', 'confirmed'],
      ['requested', 'approved'],
      ['cancelled', 'confirmed'],
      ['declined', 'approved'],
      ['waitlisted', 'attended'],
      ['attended', 'cancelled'],
      ['confirmed', 'waitlisted'],
    ];
    for (const [from, to] of refused) {
      for (const role of ['employee', 'organizer', 'supervisor', 'system'] as const) expect(canTransition(from, to, role), `${from} → ${to} by ${role}`).toBe(false);
    }
    expect(canTransition('pendingApproval', 'approved', 'employee')).toBe(false);
    expect(canTransition('pendingApproval', 'approved', 'organizer')).toBe(false);
    expect(canTransition('confirmed', 'attended', 'employee')).toBe(false);
    expect(canTransition('cancelled', 'requested', 'organizer')).toBe(false);
  });

  it('reaches every state from requested', () => {
    const reached = new Set<RegistrationStatus>(['requested']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const { from, to } of listTransitions()) {
        if (reached.has(from) && !reached.has(to)) {
          reached.add(to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...registrationStatuses].sort());
  });

  it('says which states hold a seat, still count as registered, or pass within one request', () => {
    expect(registrationStatuses.filter(holdsSeat)).toEqual(['promoted', 'pendingApproval', 'approved', 'confirmed']);
    expect(registrationStatuses.filter(isLive)).toEqual(['requested', 'waitlisted', 'promoted', 'pendingApproval', 'approved', 'confirmed']);
    expect(registrationStatuses.filter(isPassing)).toEqual(['requested', 'promoted', 'approved']);
  });
});
