import { beforeEach, describe, expect, it } from 'vitest';
import { cancelMyRegistration } from '../../domain/registrations/cancel-registration.js';
import { decideApproval } from '../../domain/registrations/decide-approval.js';
import { actor, session, TENANT } from '../../domain/registrations/in-memory-ports.js';
import { registerForSession } from '../../domain/registrations/register-for-session.js';
import { cancelSession } from '../../domain/sessions/cancel-session.js';
import { cardsPostedTo, createNoticeSetup, useTeamsConnector } from './teams-test-support.js';

const joinUrl = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_s1%40thread.v2/0';

const teams = useTeamsConnector();

function setUp() {
  teams.connector.reset();
  return createNoticeSetup({ bob: teams.bobsChat });
}

/** The cards posted into Bob's chat, after checking each against the Adaptive Card schema. */
function cardsPostedToBob(): string[] {
  return cardsPostedTo(teams.connector, teams.bobsChat);
}

describe('Teams notices to employees', () => {
  let t: ReturnType<typeof setUp>;
  beforeEach(async () => {
    t = setUp();
    await t.deps.sessions.insert(
      session({
        id: 's1',
        capacity: 1,
        calendar: { ownerId: 'presenter', transactionId: 's1', eventId: 'e', joinUrl },
      }),
    );
  });

  it('posts the seat freed from the waitlist to Bob in Teams once, with Join, and keeps it for the tab', async () => {
    await registerForSession(t.deps, actor('alice'), 's1');
    const waiting = await registerForSession(t.deps, actor('bob'), 's1');
    expect(waiting.position).toBe(1);
    // Bob's own registration was answered where he registered: the waitlist place is stored, not posted.
    expect(cardsPostedToBob()).toEqual([]);

    await cancelMyRegistration(t.deps, actor('alice'), 's1');
    await t.teams.idle();
    const [card] = cardsPostedToBob();
    expect(cardsPostedToBob()).toHaveLength(1);
    expect(card).toContain('You have a seat');
    expect(card).toContain(`"title":"Join","url":"${joinUrl}"`);
    expect(
      t.notifications.filter((notification) => notification.userId === 'bob').map((n) => n.kind),
    ).toEqual(['waitlisted', 'promoted']);

    // A retry of the same change (a second process, a crash before the caller finished) posts nothing more.
    const bob = (await t.deps.registrations.findById(actor('bob'), waiting.registration.id))!;
    const s1 = (await t.deps.sessions.findById(actor('bob'), 's1'))!;
    await t.notifier.registrationPromoted(actor('bob'), bob, s1);
    await t.teams.idle();
    expect(await t.teams.processDue(10)).toMatchObject({ retried: 0, failed: 0 });
    expect(cardsPostedToBob()).toHaveLength(1);
  });

  it('tells Bob the session was cancelled, with the organizer’s message, and no Join', async () => {
    await registerForSession(t.deps, actor('bob'), 's1');
    await cancelSession(t.deps, actor('organizer', ['organizer']), 's1', 'The presenter is ill');
    await t.teams.idle();
    const [card] = cardsPostedToBob();
    expect(card).toContain('Session cancelled');
    expect(card).toContain('“The presenter is ill”');
    expect(card).not.toContain('"title":"Join"');
  });

  it('tells Bob his supervisor declined, with the comment, and where the registration stands', async () => {
    await t.deps.sessions.insert(session({ id: 's2', approval: 'supervisor' }));
    const { registration } = await registerForSession(t.deps, actor('bob'), 's2');
    expect(registration.status).toBe('pendingApproval');
    await decideApproval(
      t.deps,
      { tenantId: TENANT, userId: 'megan' },
      registration.id,
      'decline',
      'Quarter close',
    );
    await t.teams.idle();
    const [card] = cardsPostedToBob();
    expect(card).toContain('Your supervisor declined your registration for **Session s2**.');
    expect(card).toContain('“Quarter close”');
  });

  it('posts nothing to people who have no chat with the bot', async () => {
    await registerForSession(t.deps, actor('carol'), 's1');
    await cancelSession(t.deps, actor('organizer', ['organizer']), 's1', 'Cancelled');
    await t.teams.idle();
    expect(teams.connector.calls).toEqual([]);
    expect(t.notifications.map((notification) => notification.kind)).toContain('sessionCancelled');
  });
});
