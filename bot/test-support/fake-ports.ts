import type {
  ApprovalCardState,
  BotActor,
  BotApproval,
  BotConversationReference,
  BotSession,
  CampusBotPorts,
  RegistrationOutcome,
} from '../src/ports.js';

/** In-memory ports that keep what the bot asked for, so tests can check the actor and arguments it passed. */
export interface FakePorts extends CampusBotPorts {
  upcoming: BotSession[];
  mine: BotSession[];
  /** What registerForSession answers next. */
  registration: RegistrationOutcome;
  /** What decideApproval and showApproval answer next. */
  approval: ApprovalCardState;
  /** Conversations remembered, in order (kept apart from `calls`: every message remembers one). */
  conversations: BotConversationReference[];
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
    approval: { state: 'pending', approval: sampleApproval() },
    conversations: [],
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
    async decideApproval(actor, press) {
      ports.calls.push({ port: 'decideApproval', actor, argument: press });
      if (failure) throw failure;
      return ports.approval;
    },
    async showApproval(actor, approvalId, signature) {
      ports.calls.push({ port: 'showApproval', actor, argument: { approvalId, signature } });
      if (failure) throw failure;
      return ports.approval;
    },
    async rememberConversation(_actor, reference) {
      ports.conversations.push(reference);
    },
    approvalsUrl: () => 'https://campus.contoso.test/?view=approvals',
    outlookOriginator: () => '6f0f1b5e-3c38-4a57-9a4f-0c1d2e3f4a5b',
  };
  return ports;
}

/** An approval request as the API would describe it to Megan Bowen. */
export function sampleApproval(overrides: Partial<BotApproval> = {}): BotApproval {
  return {
    approvalId: 'apr_01',
    signature: 'v1.signed-by-campus',
    employeeName: 'Adele Vance',
    sessionTitle: 'Power BI for marketers',
    whenText: 'Wed, Mar 12, 2025, 10:00 – 11:00 AM PDT',
    hoursAwayText: '1 hour',
    clash: 'free',
    clashText: "Adele Vance's calendar is free at that time.",
    onBehalfOfName: null,
    expiresText: 'Wed, Mar 12, 9:00 AM PDT',
    ...overrides,
  };
}
