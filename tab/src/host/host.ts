/**
 * Where the tab runs. Inside Teams, Outlook or the Microsoft 365 app, teams-js initializes and the host hands out
 * tokens and themes; in a plain browser nothing answers, so detection gives up after a short wait.
 */
import type * as TeamsJsModule from '@microsoft/teams-js';
import { ApiError, clientErrorCodes } from '../api-client.js';

type TeamsJs = typeof TeamsJsModule;

// Loaded only for pages that look hosted: on import teams-js fetches its list of host origins from Microsoft's CDN,
// which a plain browser session has no use for.
let teamsJs: Promise<TeamsJs> | undefined;
const loadTeamsJs = () => (teamsJs ??= import('@microsoft/teams-js'));

/** A Microsoft 365 host with its theme name ('default', 'dark', 'contrast'), or a plain browser. */
export type Host = { kind: 'm365'; theme: string } | { kind: 'browser' };

/** How long a page that looks hosted waits for the host's answer; outside a host initialize never settles. */
const hostAnswerTimeoutMs = 4_000;

/**
 * Finds the host. A page that is neither framed nor loaded from the manifest's contentUrl (?inTeams=1, which Teams
 * mobile and Outlook also use) is a plain browser at once, so browser users never wait.
 */
export async function detectHost(pageUrl: URL, framed: boolean): Promise<Host> {
  if (!framed && !pageUrl.searchParams.has('inTeams')) return { kind: 'browser' };
  const { app } = await loadTeamsJs();
  const initialized = app.initialize().then(
    () => true,
    () => false,
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), hostAnswerTimeoutMs);
  });
  const hosted = await Promise.race([initialized, timedOut]);
  clearTimeout(timer);
  if (!hosted) return { kind: 'browser' };
  const context = await app.getContext();
  return { kind: 'm365', theme: context.app.theme };
}

/** Follows the host's theme changes. */
export async function onHostThemeChange(handler: (theme: string) => void): Promise<void> {
  (await loadTeamsJs()).app.registerOnThemeChangeHandler(handler);
}

/** The API token from the host's single sign-on. */
export async function getHostToken(): Promise<string> {
  try {
    return await (await loadTeamsJs()).authentication.getAuthToken();
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ApiError(
      0,
      clientErrorCodes.sso,
      `Campus could not sign you in through Microsoft 365 (${reason}).`,
      { cause },
    );
  }
}

/** Opens a link through the host, so Teams meeting links open in Teams itself. */
export async function openHostLink(url: string): Promise<void> {
  await (await loadTeamsJs()).app.openLink(url);
}
