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

/** What the bot needs from Campus; the API implements these with its domain use cases. */
export interface CampusBotPorts {
  listUpcomingSessions(actor: BotActor, limit: number): Promise<BotSession[]>;
  registerForSession(actor: BotActor, sessionId: string): Promise<RegistrationOutcome>;
  listMySessions(actor: BotActor): Promise<BotSession[]>;
  /** Deep link (or URL) of the Campus tab, for "Open Campus" buttons. */
  tabUrl(): string;
}
