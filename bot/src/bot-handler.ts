import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Response as BotFrameworkResponse,
} from 'botbuilder';
import { CampusBot } from './campus-bot.js';
import { readActivity } from './incoming-activity.js';
import { consoleLogger, type BotLogger } from './logger.js';
import type { CampusBotPorts } from './ports.js';
import { createTurnErrorHandler } from './turn-errors.js';

/** The HTTP request the host received on the bot's messaging endpoint. Header names in lower case. */
export interface BotRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  /** The activity: parsed JSON, or the raw body as text or bytes. */
  body: unknown;
}

/** What the host sends back. */
export interface BotResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** The bot's Microsoft Entra app registration. */
export interface BotConfig {
  /** '' locally: no authentication, as the Agents Playground and tests expect. Set, incoming JWTs are validated. */
  appId: string;
  appPassword: string;
  appTenantId: string;
  appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
}

const errorKinds = {
  400: { error: 'Bad Request', code: 'CAMPUS_ERR_VALIDATION' },
  401: { error: 'Unauthorized', code: 'CAMPUS_ERR_UNAUTHENTICATED' },
  405: { error: 'Method Not Allowed', code: 'CAMPUS_ERR_VALIDATION' },
  500: { error: 'Internal Server Error', code: 'CAMPUS_ERR_INTERNAL' },
} as const;

/** The API's error body shape ({ statusCode, code, error, message }), with codes from its catalog. */
function errorResponse(status: keyof typeof errorKinds, message: string): BotResponse {
  const { error, code } = errorKinds[status];
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: { statusCode: status, code, error, message },
  };
}

/** A Response as botbuilder's CloudAdapter writes it (Express-like), kept in memory. */
function collectingResponse() {
  const collected: { status: number; body: unknown } = { status: 200, body: undefined };
  const response: BotFrameworkResponse = {
    socket: null,
    status: (code: unknown) => (collected.status = Number(code)),
    header: () => undefined,
    send: (body: unknown) => (collected.body = body),
    end: () => undefined,
  };
  return { response, collected };
}

function toBotResponse(status: number, body: unknown): BotResponse {
  // CloudAdapter answers its own failures in plain text: a rejected token (401, worth passing on) or an internal
  // error (500, whose message is for the log it already wrote, not for the caller).
  if (status === 401)
    return errorResponse(401, typeof body === 'string' && body !== '' ? body : 'Unauthorized.');
  if (status === 500 && typeof body !== 'object')
    return errorResponse(500, 'The bot could not process the activity.');
  if (body === undefined) return { status, headers: {}, body: undefined };
  return { status, headers: { 'content-type': 'application/json' }, body };
}

/** botbuilder's settings for the app registration; none at all locally (no app id): no JWT validation, no tokens sent. */
export function authenticationSettings(config: BotConfig): Record<string, string> {
  // No app id means no credentials at all: botbuilder then skips JWT validation and sends replies unauthenticated.
  if (config.appId === '') return {};
  return {
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppTenantId: config.appTenantId,
    MicrosoftAppType: config.appType,
  };
}

/**
 * The bot's messaging endpoint as a plain function, so the API mounts it with one route and tests call it directly.
 * botbuilder's CloudAdapter authenticates the request (when appId is set) and runs the turn; replies go to the
 * activity's serviceUrl. A failing turn is logged and answered with an error card; the promise never rejects.
 */
export function createBotHandler(
  config: BotConfig,
  ports: CampusBotPorts,
  logger: BotLogger = consoleLogger,
): (request: BotRequest) => Promise<BotResponse> {
  const settings = authenticationSettings(config);
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(
      settings,
      new ConfigurationServiceClientCredentialFactory(settings),
    ),
  );
  adapter.onTurnError = createTurnErrorHandler(() => ports.tabUrl(), logger);
  const bot = new CampusBot(ports, logger);

  return async (request) => {
    if (request.method.toUpperCase() !== 'POST') {
      return errorResponse(405, 'The bot messaging endpoint only accepts POST.');
    }
    const read = readActivity(request.body);
    if (!read.ok) {
      logger.warn({ problem: read.problem }, 'rejected a request that is not a valid activity');
      return errorResponse(400, read.problem);
    }
    const { response, collected } = collectingResponse();
    try {
      await adapter.process(
        { method: 'POST', headers: request.headers, body: read.activity },
        response,
        (context) => bot.run(context),
      );
    } catch (error) {
      logger.error({ err: error }, 'the bot adapter failed outside a turn');
      return errorResponse(500, 'The bot could not process the activity.');
    }
    return toBotResponse(collected.status, collected.body);
  };
}
