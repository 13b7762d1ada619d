import { buildRegistrationNoticeCard, createProactiveMessenger } from '@campus/bot';
import { localBotConfig } from '@campus/bot/test-support/bot-harness';
import { sampleSession } from '@campus/bot/test-support/samples';
import { describe, expect, it } from 'vitest';
import { actor, session, TENANT } from '../../domain/registrations/in-memory-ports.js';
import { registerForSession } from '../../domain/registrations/register-for-session.js';
import { cancelSession } from '../../domain/sessions/cancel-session.js';
import { createTeamsOutbox } from './teams-outbox.js';
import { cardsPostedTo, chatWith, createNoticeSetup, useTeamsConnector } from './teams-test-support.js';

const teams = useTeamsConnector();
const organizer = actor('organizer', ['organizer']);
const scope = { tenantId: TENANT };

/** Bob registered for s1, whose organizer then cancels it. */
async function bobInCancelledSession(t: ReturnType<typeof createNoticeSetup>): Promise<void> {
  await t.deps.sessions.insert(session({ id: 's1', capacity: 5 }));
  await registerForSession(t.deps, actor('bob'), 's1');
  await cancelSession(t.deps, organizer, 's1', 'Moved to next quarter');
}

/** The statuses of the Teams outbox's items. */
function statuses(t: ReturnType<typeof createNoticeSetup>): string[] {
  return [...t.outbox.items.values()].map((item) => item.status);
}

describe('Teams outbox', () => {
  it('answers a session cancelled for many before any Teams post completes; each attendee then gets exactly one', async () => {
    teams.connector.reset();
    const people = Array.from({ length: 30 }, (_, index) => `person-${index + 1}`);
    const chats = Object.fromEntries(people.map((userId) => [userId, chatWith(teams.bobsChat, userId)]));
    const t = createNoticeSetup(chats);
    await t.deps.sessions.insert(session({ id: 's1', capacity: people.length }));
    for (const userId of people) await registerForSession(t.deps, actor(userId), 's1');

    // The connector answers nothing until released: were any post inside the request, it would never return.
    teams.connector.hold();
    await cancelSession(t.deps, organizer, 's1', 'The presenter is ill');
    expect(teams.connector.answered).toBe(0);
    expect(t.notifications.filter((notification) => notification.kind === 'sessionCancelled')).toHaveLength(
      people.length,
    );

    teams.connector.release();
    await t.teams.idle();
    expect(await t.teams.processDue(100)).toMatchObject({ retried: 0, failed: 0 });
    for (const userId of people) {
      const cards = cardsPostedTo(teams.connector, chats[userId]!);
      expect(cards).toHaveLength(1);
      expect(cards[0]).toContain('Session cancelled');
    }
    expect(teams.connector.calls).toHaveLength(people.length);
    expect(new Set(statuses(t))).toEqual(new Set(['done']));
  });

  it('waits as long as a 429 asks (Retry-After), then delivers the notice once', async () => {
    teams.connector.reset();
    const t = createNoticeSetup({ bob: teams.bobsChat });
    // The connector client retries a throttled post itself (three times, honouring Retry-After) before it throws;
    // the last answer asks for two minutes, which the outbox keeps.
    const throttled = { status: 429, headers: { 'retry-after': '0' } };
    teams.connector.respondInTurn([
      throttled,
      throttled,
      throttled,
      { status: 429, headers: { 'retry-after': '120' } },
    ]);
    await bobInCancelledSession(t);
    await t.teams.idle();
    expect(teams.connector.calls).toHaveLength(4);
    expect(t.warnings).toContain('outbox delivery failed; it will be retried');
    expect(statuses(t)).toEqual(['pending']);

    t.clock.at = new Date(t.clock.at.getTime() + 119_000);
    await t.teams.processDue(10);
    expect(teams.connector.calls).toHaveLength(4);

    t.clock.at = new Date(t.clock.at.getTime() + 1_000);
    expect(await t.teams.processDue(10)).toMatchObject({ retried: 0, failed: 0 });
    expect(teams.connector.calls).toHaveLength(5);
    expect(teams.connector.answered).toBe(5);
    expect(statuses(t)).toEqual(['done']);
    t.clock.at = new Date(t.clock.at.getTime() + 3_600_000);
    await t.teams.processDue(10);
    expect(cardsPostedTo(teams.connector, teams.bobsChat)).toHaveLength(5);
    expect(teams.connector.calls).toHaveLength(5);
  });

  it('gives up at once, with a log line, when Teams answers 403 (the bot was removed)', async () => {
    teams.connector.reset();
    const t = createNoticeSetup({ bob: teams.bobsChat });
    teams.connector.respondWith(403);
    await bobInCancelledSession(t);
    await t.teams.idle();
    expect(teams.connector.calls).toHaveLength(1);
    expect(t.warnings).toEqual(['outbox gave up delivering to Teams']);
    expect(statuses(t)).toEqual(['failed']);
    expect(t.notifications.map((notification) => notification.kind)).toContain('sessionCancelled');

    t.clock.at = new Date(t.clock.at.getTime() + 86_400_000);
    await t.teams.processDue(10);
    expect(teams.connector.calls).toHaveLength(1);
  });

  it('posts after a restart what a process recorded and then died before posting', async () => {
    teams.connector.reset();
    // The first process records the notice and takes it, then stops dead: its post never leaves, its claim is
    // never renewed.
    const t = createNoticeSetup(
      { bob: teams.bobsChat },
      {
        teams: { sendCard: () => new Promise(() => undefined) },
        timing: { heartbeat: () => () => undefined },
      },
    );
    await bobInCancelledSession(t);
    expect(statuses(t)).toEqual(['sending']);

    const restarted = createTeamsOutbox({
      store: t.outbox.store,
      teams: createProactiveMessenger(localBotConfig),
      clock: t.clock,
      holderId: 'api-2',
      logger: t.logger,
    });
    // The dead process's claim still runs: nothing is posted twice while it might be alive.
    await restarted.processDue(10);
    expect(teams.connector.calls).toEqual([]);

    t.clock.at = new Date(t.clock.at.getTime() + 15_000);
    expect(await restarted.processDue(10)).toMatchObject({ retried: 0, failed: 0 });
    const cards = cardsPostedTo(teams.connector, teams.bobsChat);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toContain('“Moved to next quarter”');
    expect(t.warnings).toContain(
      'a Teams post whose sending was interrupted is posted again; it may show twice',
    );
    expect(statuses(t)).toEqual(['done']);
  });

  it('records a post once per key, however often the change is repeated', async () => {
    teams.connector.reset();
    const t = createNoticeSetup({});
    const card = buildRegistrationNoticeCard({
      notice: {
        kind: 'cancelled',
        session: sampleSession(),
        registration: { status: 'cancelled' },
        by: 'organizer',
        reason: null,
      },
      tabUrl: 'https://campus.contoso.test',
    });
    const post = { userId: 'bob', reference: teams.bobsChat, card };
    expect(await t.teams.record(scope, 'notice:r1:v2', post)).toBe('inserted');
    expect(await t.teams.record(scope, 'notice:r1:v2', post)).toBe('duplicate');
    await t.teams.idle();
    expect(teams.connector.calls).toHaveLength(1);
  });
});
