import type { BotActor, BotSession, CampusBotPorts, RegistrationOutcome } from '../src/ports.js';

/** In-memory ports that keep what the bot asked for, so tests can check the actor and arguments it passed. */
export interface FakePorts extends CampusBotPorts {
  upcoming: BotSession[];
  mine: BotSession[];
  /** What registerForSession answers next. */
  registration: RegistrationOutcome;
  calls: { port: string; actor: BotActor; argument?: unknown }[];
  /** Makes every later port call throw (as an unreachable store would), or, given null, work again. */
  failWith(error: Error | null): void;
}

export function createFakePorts(): FakePorts {
  let failure: Error | null = null;
  const ports: FakePorts = {
    upcoming: [],
    mine: [],
    registration: { outcome: 'registered' },
    calls: [],
    failWith: (error) => {
      failure = error;
    },
    async listUpcomingSessions(actor, limit) {
      ports.calls.push({ port: 'listUpcomingSessions', actor, argument: limit });
      if (failure) throw failure;
      return ports.upcoming.slice(0, limit);
    },
    async registerForSession(actor, sessionId) {
      ports.calls.push({ port: 'registerForSession', actor, argument: sessionId });
      if (failure) throw failure;
      return ports.registration;
    },
    async listMySessions(actor) {
      ports.calls.push({ port: 'listMySessions', actor });
      if (failure) throw failure;
      return ports.mine;
    },
    tabUrl: () => 'https://teams.microsoft.com/l/entity/campus-app/campus',
  };
  return ports;
}
