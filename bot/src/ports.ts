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
  online: boolean;
  /** The Teams meeting, once the Outlook event has one. */
  joinUrl: string | null;
}

/** A session open for registration, with the seats left (the "sessions" list offers Register while there are). */
export interface BotOpenSession extends BotSession {
  seatsLeft: number;
}

/**
 * Where the viewer's registration for a session stands (the API's registration states). Waiting states carry what
 * the viewer needs to know: their place on the waitlist, who must approve, the supervisor's comment on a decline.
 */
export type BotRegistration =
  | {
      status: 'requested' | 'promoted' | 'approved' | 'confirmed' | 'cancelled' | 'attended' | 'noShow';
    }
  /** `position`: 1 is next; null when Campus could not place it just now. */
  | { status: 'waitlisted'; position: number | null }
  /** `approverName`: null while Campus is still finding the supervisor. */
  | { status: 'pendingApproval'; approverName: string | null }
  /** `expired`: nobody decided in time (Campus declined it); otherwise the supervisor did, with their comment. */
  | { status: 'declined'; expired: boolean; comment: string | null };

/** One of the viewer's sessions, with their registration. */
export interface BotMySession {
  session: BotSession;
  registration: BotRegistration;
}

/**
 * What registering answered: where the new registration stands, or a refusal whose `code` comes from the API's error
 * catalog (e.g. CAMPUS_ERR_ALREADY_REGISTERED).
 */
export type RegistrationOutcome =
  | { outcome: 'registered'; session: BotSession; registration: BotRegistration }
  | { outcome: 'rejected'; code: string; message: string };

/**
 * A change to someone's registration that Campus tells them about in Teams (the API's Notifier events that the
 * person did not cause themself). `registration` is where it stands after the change.
 */
export type BotRegistrationNotice =
  | { kind: 'promoted' | 'rescheduled'; session: BotSession; registration: BotRegistration }
  | {
      kind: 'approved' | 'declined';
      session: BotSession;
      registration: BotRegistration;
      comment: string | null;
    }
  | {
      kind: 'cancelled';
      session: BotSession;
      registration: BotRegistration;
      by: 'organizer' | 'supervisor' | 'system';
      reason: string | null;
    }
  | { kind: 'sessionCancelled'; session: BotSession; registration: BotRegistration; message: string | null };

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
  listUpcomingSessions(actor: BotActor, limit: number): Promise<BotOpenSession[]>;
  registerForSession(actor: BotActor, sessionId: string): Promise<RegistrationOutcome>;
  /** The viewer's registrations that are not cancelled, soonest session first. */
  listMySessions(actor: BotActor): Promise<BotMySession[]>;
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
