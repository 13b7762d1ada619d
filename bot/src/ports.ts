/** The Teams (or Outlook) user a turn acts for, taken from the activity Microsoft's channel signed. */
export interface BotActor {
  tenantId: string;
  /** The user's Microsoft Entra object id (activity.from.aadObjectId). */
  userId: string;
  displayName: string;
}

/** A session as the bot shows it. Instants are ISO 8601; cards render them in each viewer's own time zone. */
export interface BotSession {
  id: string;
  title: string;
  abstract: string;
  presenterName: string;
  startsAt: string;
  endsAt: string;
  /** The IANA zone the session was planned in. */
  timeZone: string;
  seatsLeft: number;
  online: boolean;
  joinUrl: string | null;
}

/** What registering answered: `code` comes from the API's error catalog (e.g. CAMPUS_ERR_SESSION_FULL). */
export type RegistrationOutcome =
  { outcome: 'registered' } | { outcome: 'rejected'; code: string; message: string };

/**
 * An approval request as its card shows it to the person deciding. Texts are already in that person's time zone:
 * the card does not rely on {{DATE()}}/{{TIME()}}, which not every Outlook client renders.
 */
export interface BotApproval {
  approvalId: string;
  /** Signs the card's button data; sent back with every press and checked before anything else. */
  signature: string;
  employeeName: string;
  sessionTitle: string;
  /** "Wed, Mar 12, 2025, 10:00 – 11:00 AM PDT" */
  whenText: string;
  /** "1 hour" */
  hoursAwayText: string;
  clash: 'free' | 'busy' | 'unknown';
  clashText: string;
  /** The approver, when the viewer decides as their delegate. */
  onBehalfOfName: string | null;
  /** "Wed, Mar 12, 9:00 AM PDT": after this the request expires. */
  expiresText: string;
}

/** What an approval card shows: the request to decide, how it ended, or why the viewer cannot act on it. */
export type ApprovalCardState =
  | { state: 'pending'; approval: BotApproval }
  | {
      state: 'decided';
      approval: BotApproval;
      outcome: 'approved' | 'declined' | 'expired' | 'withdrawn';
      /** "Megan Bowen", "Megan Bowen's standing rule", or null when Campus closed it. */
      decidedBy: string | null;
      comment: string | null;
    }
  | { state: 'refused'; code: string; message: string };

/** An Approve or Decline press, as the card sent it back (the comment comes from the card's input). */
export interface ApprovalDecisionPress {
  approvalId: string;
  signature: string;
  decision: 'approve' | 'decline';
  comment: string | null;
}

/**
 * Where the bot can post to a person later (proactively): their personal chat with the bot in Teams, as
 * botbuilder's TurnContext.getConversationReference() gives it.
 */
export interface BotConversationReference {
  channelId: string;
  serviceUrl: string;
  conversation: { id: string; tenantId?: string; conversationType?: string };
  bot: { id: string; name?: string };
  user: { id: string; name?: string; aadObjectId?: string };
  locale?: string;
}

/** What the bot needs from Campus; the API implements these with its domain use cases. */
export interface CampusBotPorts {
  listUpcomingSessions(actor: BotActor, limit: number): Promise<BotSession[]>;
  registerForSession(actor: BotActor, sessionId: string): Promise<RegistrationOutcome>;
  listMySessions(actor: BotActor): Promise<BotSession[]>;
  /** Deep link (or URL) of the Campus tab, for "Open Campus" buttons. */
  tabUrl(): string;
  /** Approves or declines (Approve/Decline on an approval card); refusals come back as a 'refused' state. */
  decideApproval(actor: BotActor, press: ApprovalDecisionPress): Promise<ApprovalCardState>;
  /** The approval card as it stands now (the card's refresh when it is opened, in Outlook and Teams). */
  showApproval(actor: BotActor, approvalId: string, signature: string): Promise<ApprovalCardState>;
  /** Keeps the personal chat where the user can be reached later (sent on install and on every message). */
  rememberConversation(actor: BotActor, reference: BotConversationReference): Promise<void>;
  /** The approvals view of the Campus tab (a deep link), for "Open approvals" buttons. */
  approvalsUrl(): string;
  /** The actionable-message provider id (originator) registered for Campus, put on cards shown in Outlook. */
  outlookOriginator(): string;
}
