import { createHmac } from 'node:crypto';

/**
 * Environment → typed configuration, checked once at start. Each problem names its variable,
 * and all problems are reported together so one restart fixes them all.
 */
export interface AppConfig {
  port: number;
  host: string;
  /** Public https origin of this server (tab, bot endpoint, API), e.g. https://campus.contoso.com. */
  publicUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** json for log collectors (default); pretty for a developer's terminal (needs the pino-pretty dev dependency). */
  logFormat: 'json' | 'pretty';
  mongodbUri: string;
  mongodbDb: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Entra ID host, e.g. https://login.microsoftonline.com (the dev tenant's URL locally). */
  authorityHost: string;
  /** Graph root without version, e.g. https://graph.microsoft.com (the dev tenant's URL locally). */
  graphBaseUrl: string;
  /** Application ID URI of the API; user tokens carry it or the client id as audience. */
  apiAppIdUri: string;
  /** Members of this Entra group (transitively) are organizers; empty means nobody is. */
  organizerGroupId: string;
  bot: { appId: string; appPassword: string; appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI' };
  /** Folder of the built tab; served at / when it exists. */
  tabDir: string;
  /** How often the calendar worker looks for unfinished Outlook work. */
  calendarWorkerIntervalMs: number;
  /** How often the directory is synced from Microsoft Graph (also once at start); 0 syncs only on request. */
  directorySyncIntervalMs: number;
  approval: ApprovalConfig;
}

/** Supervisor approval in Outlook and Teams. */
export interface ApprovalConfig {
  /** HMAC key signing the data of approval card buttons (CAMPUS_APPROVAL_SIGNING_KEY). */
  signingKey: string;
  /** Actionable-message provider id from the Actionable Email Developer Dashboard (CAMPUS_ACTIONABLE_ORIGINATOR). */
  originator: string;
  /** Mailbox (UPN or object id) Campus mails are sent from; null sends each as the person it speaks for (dev). */
  mailSender: string | null;
  /** A request expires this long before its session starts. */
  expiryLeadMs: number;
  /** How often the approval worker reminds, expires and finishes interrupted work. */
  workerIntervalMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
const BOT_APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;
/** Locally, cards and mail need some originator; Outlook ignores the card of a message whose originator is unknown. */
const DEV_ORIGINATOR = '00000000-0000-0000-0000-000000000000';
const MIN_SIGNING_KEY_LENGTH = 32;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const text = (name: string, fallback?: string): string => {
    const value = env[name]?.trim() || fallback;
    if (value === undefined) {
      problems.push(`${name} is required`);
      return '';
    }
    return value;
  };
  const guid = (name: string, fallback?: string): string => {
    const value = text(name, fallback);
    if (value && !GUID.test(value)) problems.push(`${name} must be a GUID, got '${value}'`);
    return value;
  };
  const httpsUrl = (name: string, fallback?: string): string => {
    const value = text(name, fallback).replace(/\/+$/, '');
    if (value && !/^https:\/\/[^/]+/.test(value)) problems.push(`${name} must be an https:// URL, got '${value}'`);
    return value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got '${raw}'`);
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = (env[name]?.trim() || fallback) as T;
    if (!allowed.includes(value)) problems.push(`${name} must be one of ${allowed.join(', ')}, got '${value}'`);
    return value;
  };

  // 0 asks the OS for a free port (tests).
  const port = integer('PORT', 3978, 0, 65535);
  const clientId = guid('AZURE_CLIENT_ID');
  const publicUrl = text('PUBLIC_URL', `http://localhost:${Number.isInteger(port) ? port : 3978}`).replace(/\/+$/, '');
  const publicHost = URL.canParse(publicUrl) ? new URL(publicUrl).host : '';
  if (!publicHost) problems.push(`PUBLIC_URL must be an absolute URL, got '${publicUrl}'`);
  const mongodbUri = text('MONGODB_URI');
  if (mongodbUri && !/^mongodb(\+srv)?:\/\//.test(mongodbUri)) problems.push('MONGODB_URI must start with mongodb:// or mongodb+srv://');
  const organizerGroupId = env.CAMPUS_ORGANIZER_GROUP_ID?.trim() ?? '';
  if (organizerGroupId && !GUID.test(organizerGroupId)) problems.push(`CAMPUS_ORGANIZER_GROUP_ID must be a GUID, got '${organizerGroupId}'`);

  const config: AppConfig = {
    port,
    host: text('HOST', '127.0.0.1'),
    publicUrl,
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: oneOf('LOG_FORMAT', ['json', 'pretty'] as const, 'json'),
    mongodbUri,
    mongodbDb: text('MONGODB_DB', 'campus'),
    tenantId: guid('AZURE_TENANT_ID'),
    clientId,
    clientSecret: text('AZURE_CLIENT_SECRET'),
    authorityHost: httpsUrl('AZURE_AUTHORITY_HOST', 'https://login.microsoftonline.com'),
    graphBaseUrl: httpsUrl('GRAPH_BASE_URL', 'https://graph.microsoft.com'),
    apiAppIdUri: text('API_APP_ID_URI', `api://${publicHost}/${clientId}`),
    organizerGroupId,
    bot: {
      appId: env.BOT_ID?.trim() ?? '',
      appPassword: env.BOT_PASSWORD?.trim() ?? '',
      appType: oneOf('BOT_APP_TYPE', BOT_APP_TYPES, 'SingleTenant'),
    },
    tabDir: text('TAB_DIR', new URL('../../tab/dist', import.meta.url).pathname),
    calendarWorkerIntervalMs: integer('CALENDAR_WORKER_INTERVAL_MS', 5000, 100, 3_600_000),
    directorySyncIntervalMs: integer('DIRECTORY_SYNC_INTERVAL_MS', 15 * 60_000, 0, 24 * 3_600_000),
    approval: { signingKey: '', originator: DEV_ORIGINATOR, mailSender: null, expiryLeadMs: 0, workerIntervalMs: 0 },
  };
  config.approval = approvalConfig(env, config.clientSecret, problems, integer);
  if (config.bot.appId && !config.bot.appPassword && config.bot.appType !== 'UserAssignedMSI') {
    problems.push('BOT_PASSWORD is required when BOT_ID is set');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * In production (NODE_ENV=production) the signing key, the originator and the sender mailbox must be set. Locally the
 * key is derived from the client secret, so it is stable across restarts and as secret as that secret.
 */
function approvalConfig(
  env: NodeJS.ProcessEnv,
  clientSecret: string,
  problems: string[],
  integer: (name: string, fallback: number, min: number, max: number) => number,
): ApprovalConfig {
  const production = env.NODE_ENV === 'production';
  const value = (name: string): string | null => env[name]?.trim() || null;
  const required = (name: string) => {
    if (production && !value(name)) problems.push(`${name} is required when NODE_ENV is production`);
  };
  required('CAMPUS_APPROVAL_SIGNING_KEY');
  required('CAMPUS_ACTIONABLE_ORIGINATOR');
  required('CAMPUS_MAIL_SENDER');
  const signingKey = value('CAMPUS_APPROVAL_SIGNING_KEY') ?? createHmac('sha256', clientSecret).update('campus approval signing key').digest('base64url');
  if (signingKey.length < MIN_SIGNING_KEY_LENGTH) problems.push(`CAMPUS_APPROVAL_SIGNING_KEY must be at least ${MIN_SIGNING_KEY_LENGTH} characters`);
  const originator = value('CAMPUS_ACTIONABLE_ORIGINATOR') ?? DEV_ORIGINATOR;
  if (!GUID.test(originator)) problems.push(`CAMPUS_ACTIONABLE_ORIGINATOR must be a GUID, got '${originator}'`);
  return {
    signingKey,
    originator,
    mailSender: value('CAMPUS_MAIL_SENDER'),
    expiryLeadMs: integer('CAMPUS_APPROVAL_EXPIRY_LEAD_MINUTES', 60, 0, 7 * 24 * 60) * 60_000,
    workerIntervalMs: integer('CAMPUS_APPROVAL_WORKER_INTERVAL_MS', 60_000, 100, 3_600_000),
  };
}
