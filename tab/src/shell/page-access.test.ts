import { describe, expect, it } from 'vitest';
import { showsApprovals } from './page-access.js';

const delegation = { id: 'megan', displayName: 'Megan Bowen', until: null };

describe('showsApprovals', () => {
  it('shows the Approvals tab to supervisors and to active delegates', () => {
    expect(showsApprovals({ roles: ['employee', 'supervisor'], approvesFor: [] }, null)).toBe(true);
    expect(showsApprovals({ roles: ['employee'], approvesFor: [delegation] }, null)).toBe(true);
  });

  it('hides it from other employees unless they came through an approval link', () => {
    expect(showsApprovals({ roles: ['employee'], approvesFor: [] }, null)).toBe(false);
    expect(showsApprovals({ roles: ['employee'], approvesFor: [] }, 'approvals')).toBe(true);
    expect(showsApprovals({ roles: ['organizer'], approvesFor: [] }, 'catalog')).toBe(false);
  });
});
