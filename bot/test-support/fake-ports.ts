import type * as Ports from '../src/ports.js';
import { sampleApproval, sampleSession } from './samples.js';

/** In-memory ports that keep what the bot asked for, so tests can check the actor and arguments it passed. */
export interface FakePorts extends Ports.CampusBotPorts {
  upcoming: Ports.BotOpenSession[];
  mine: Ports.BotMySession[];
  /** What registerForSession answers next. */
  registration: Ports.RegistrationOutcome;
  /** What decideApproval and showApproval answer next. */
  approval: Ports.ApprovalCardState;
  /** Conversations remembered, in order (kept apart from `calls`: every message remembers one). */
  conversations: Ports.BotConversationReference[];
  calls: { port: string; actor: Ports.BotActor; argument?: unknown }[];
  /** Makes every later port call throw (as an unreachable store would), or, given null, work again. */
  failWith(error: Error | null): void;
}

export function createFakePorts(): FakePorts {
  let failure: Error | null = null;
  /** Records the call, then answers as the test set it up (or fails as it asked). */
  async function answer<T>(
    port: string,
    actor: Ports.BotActor,
    argument: unknown,
    value: () => T,
  ): Promise<T> {
    ports.calls.push({ port, actor, argument });
    if (failure) throw failure;
    return value();
  }
  const ports: FakePorts = {
    upcoming: [],
    mine: [],
    registration: { outcome: 'registered', session: sampleSession(), registration: { status: 'confirmed' } },
    approval: { state: 'pending', approval: sampleApproval() },
    conversations: [],
    calls: [],
    failWith: (error) => {
      failure = error;
    },
    listUpcomingSessions: (actor, limit) =>
      answer('listUpcomingSessions', actor, limit, () => ports.upcoming.slice(0, limit)),
    registerForSession: (actor, sessionId) =>
      answer('registerForSession', actor, sessionId, () => ports.registration),
    listMySessions: (actor) => answer('listMySessions', actor, undefined, () => ports.mine),
    tabUrl: () => 'https://teams.microsoft.com/l/entity/campus-app/campus',
    decideApproval: (actor, press) => answer('decideApproval', actor, press, () => ports.approval),
    showApproval: (actor, approvalId, signature) =>
      answer('showApproval', actor, { approvalId, signature }, () => ports.approval),
    async rememberConversation(_actor, reference) {
      ports.conversations.push(reference);
    },
    approvalsUrl: () => 'https://campus.contoso.test/?view=approvals',
    outlookOriginator: () => '6f0f1b5e-3c38-4a57-9a4f-0c1d2e3f4a5b',
  };
  return ports;
}
