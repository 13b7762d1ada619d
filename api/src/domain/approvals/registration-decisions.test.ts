import { describe, expect, it } from 'vitest';
import { registerForSession } from '../registrations/register-for-session.js';
import { actor, createTestPorts, idOf, session, TENANT } from '../registrations/in-memory-ports.js';
import { createRegistrationDecisions } from './registration-decisions.js';

const scope = { tenantId: TENANT };

async function setUp() {
  const ports = createTestPorts();
  await ports.deps.sessions.insert(session({ id: 's1', capacity: 1, approval: 'supervisor' }));
  await registerForSession(ports.deps, actor('ann'), 's1');
  await registerForSession(ports.deps, actor('bob'), 's1');
  const statusOf = async (userId: string) =>
    (await ports.deps.registrations.findById(scope, idOf(userId, 's1')))?.status;
  return { ...ports, decisions: createRegistrationDecisions(ports.deps), statusOf };
}

describe('approval decisions applied to the registration lifecycle', () => {
  it('lists and recognises the registrations that wait for approval', async () => {
    const t = await setUp();
    const ann = (await t.deps.registrations.findById(scope, idOf('ann', 's1')))!;
    expect(ann.status).toBe('pendingApproval');
    expect(await t.decisions.isAwaiting(scope, ann.id, ann.version)).toBe(true);
    expect(await t.decisions.isAwaiting(scope, ann.id, ann.version - 1)).toBe(false);
    const later = new Date(t.deps.clock.now().getTime() + 60_000);
    expect(
      (await t.decisions.listAwaiting(later, 10)).map(({ registration }) => registration.userId),
    ).toEqual(['ann']);
    expect(await t.decisions.listAwaiting(t.deps.clock.now(), 10)).toEqual([]);
  });

  it('expiry declines as Campus, frees the seat for the next in line, tells the employee, and repeats harmlessly', async () => {
    const t = await setUp();
    expect(await t.statusOf('bob')).toBe('waitlisted');
    await t.decisions.expire(scope, idOf('ann', 's1'), 'nobody decided before the session');
    expect(await t.statusOf('ann')).toBe('declined');
    expect(await t.statusOf('bob')).toBe('pendingApproval');
    expect(
      t.notifications
        .filter((notification) => notification.userId === 'ann')
        .map((notification) => [notification.kind, notification.message]),
    ).toEqual([
      [
        'declined',
        'Your supervisor declined your registration for “Session s1”: “nobody decided before the session”',
      ],
    ]);
    await t.decisions.expire(scope, idOf('ann', 's1'), 'nobody decided before the session');
    expect(t.notifications.filter((notification) => notification.userId === 'ann')).toHaveLength(1);
  });

  it('approves through the lifecycle’s decideApproval, in the decider’s name', async () => {
    const t = await setUp();
    await t.decisions.decide(scope, idOf('ann', 's1'), 'approve', 'meg', 'Enjoy');
    expect(await t.statusOf('ann')).toBe('confirmed');
    const history = await t.deps.history.listByRegistration(scope, idOf('ann', 's1'), 10);
    expect(history.find((change) => change.to === 'approved')).toMatchObject({
      by: { userId: 'meg', role: 'supervisor' },
      reason: 'Enjoy',
    });
  });
});
