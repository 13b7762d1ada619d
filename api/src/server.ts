import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { pathToFileURL } from 'node:url';
import { createBotHandler, createProactiveMessenger } from '@campus/bot';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { approvalsViewUrl, createApprovalPorts } from './adapters/bot/approval-wiring.js';
import { createTargeting } from './adapters/audience-wiring.js';
import { createCampusBotPorts } from './adapters/bot/campus-bot-ports.js';
import { createTeamsNotifier } from './adapters/bot/teams-notifier.js';
import { createTeamsOutbox } from './adapters/bot/teams-outbox.js';
import { createEntraTokenVerifier } from './adapters/entra/token-verifier.js';
import {
  createCalendarGateway,
  createDirectorySource,
  createGraphGateway,
  createMailGateway,
  createOrganizationRoles,
  createPeopleDirectory,
} from './adapters/graph/index.js';
import { createTeamsConversationStore } from './adapters/mongo/approval-settings-store.js';
import { describeStore } from './adapters/mongo/describe-store.js';
import {
  connectMongo,
  createDirectoryStore,
  createMongoStores,
  createSyncStateStore,
  ensureIndexes,
} from './adapters/mongo/index.js';
import { createOutboxStore } from './adapters/mongo/outbox-store.js';
import { createCampus } from './domain/campus.js';
import { createDirectorySync } from './domain/directory/sync-directory.js';
import { createRoleResolver } from './domain/people/resolve-roles.js';
import { createStoredNotifier } from './domain/registrations/notifier.js';

/** Roles are looked up again after this long, so a new organizer or a new manager is seen within minutes. */
const ROLE_CACHE_MS = 5 * 60_000;
/** Sessions and registrations the calendar worker handles per pass. */
const CALENDAR_WORK_BATCH = 50;
/** Approval requests the approval worker reminds, expires or finishes per pass. */
const APPROVAL_WORK_BATCH = 50;
/**
 * How often the registration worker settles registrations a crash left mid-way and promotes where a seat is free
 * but nobody was promoted (a process died in between). Promotion itself happens at once, in the request.
 */
const REGISTRATION_WORKER_INTERVAL_MS = 30_000;
const REGISTRATION_WORK_BATCH = 100;
/**
 * How often the Teams outbox's worker looks for posts that are due: retries after throttling or an outage, and
 * posts a crash interrupted. New posts do not wait for it: recording one wakes a pass.
 */
const TEAMS_WORKER_INTERVAL_MS = 10_000;
const TEAMS_WORK_BATCH = 100;

/** The app's logger, for what is built before the app and logs once it exists. */
interface LateLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * Runs `pass` every `everyMs`, never two at once (a tick while one runs does nothing); a failed pass goes to
 * `onFailure` and the next tick tries again.
 */
function startWorker(pass: () => Promise<unknown>, everyMs: number, onFailure: (error: unknown) => void) {
  let running: Promise<unknown> | null = null;
  const runPass = () => {
    if (running) return;
    running = pass()
      .catch(onFailure)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(runPass, everyMs);
  return {
    runPass,
    /** Stops the timer; settles once the pass under way, if any, has ended. */
    stop: (): Promise<unknown> => {
      clearInterval(timer);
      return running ?? Promise.resolve();
    },
  };
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Wires the real adapters from configuration, builds the app and listens. */
export async function startServer(config: AppConfig): Promise<RunningServer> {
  const logger = {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    ...(config.logFormat === 'pretty'
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
  const mongo = await connectMongo({ uri: config.mongodbUri, dbName: config.mongodbDb });
  await ensureIndexes(mongo.db);
  const stores = createMongoStores(mongo.db);
  const graph = createGraphGateway({
    tenantId: config.tenantId,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorityHost: config.authorityHost,
    graphBaseUrl: config.graphBaseUrl,
  });
  const people = createPeopleDirectory(graph);
  const organization = createOrganizationRoles(graph);
  const resolveRoles = createRoleResolver({
    organization,
    organizerGroupId: config.organizerGroupId,
    ttlMs: ROLE_CACHE_MS,
    now: Date.now,
  });
  const holderId = `${hostname()}:${process.pid}:${randomUUID()}`;

  // Fastify creates the logger with the app; what is built before it (the domain, the bot, targeting, the directory
  // sync) logs through it once it exists.
  let log: LateLog | null = null;
  const lateLogger: LateLog = {
    info: (details, message) => log?.info(details, message),
    warn: (details, message) => log?.warn(details, message),
    error: (details, message) => log?.error(details, message),
  };
  const botConfig = {
    appId: config.bot.appId,
    appPassword: config.bot.appPassword,
    appTenantId: config.tenantId,
    appType: config.bot.appType,
  };
  const teamsConversations = createTeamsConversationStore(mongo.db);
  const clock = { now: () => new Date() };
  // Notices and approval cards for Teams, posted by their own worker after the request that caused them.
  const teamsOutbox = createTeamsOutbox({
    store: createOutboxStore(mongo.db, 'teamsOutbox'),
    teams: createProactiveMessenger(botConfig),
    clock,
    holderId,
    logger: lateLogger,
    batch: TEAMS_WORK_BATCH,
  });
  const approval = createApprovalPorts({
    db: mongo.db,
    graph,
    teams: teamsOutbox,
    config: config.approval,
    conversations: teamsConversations,
    publicUrl: config.publicUrl,
  });
  // What the bot's cards say of a registration beyond its state: who must approve, a decline's comment.
  const registrationLookups = {
    approvals: { approvals: approval.approvals, settings: approval.settings, clock },
    history: stores.registrationHistory,
  };
  const campus = createCampus({
    ...stores,
    people,
    calendar: createCalendarGateway(graph),
    mail: createMailGateway(graph),
    clock,
    ids: { newId: randomUUID },
    holderId,
    logger: lateLogger,
    approval,
    // Notifications stay in the store for the tab and reach people with the bot installed in Teams as well.
    notifier: createTeamsNotifier({
      stored: createStoredNotifier(stores.notifications, clock),
      teams: teamsOutbox,
      conversations: teamsConversations,
      lookups: registrationLookups,
      tabUrl: config.publicUrl,
      logger: lateLogger,
    }),
  });
  // The audience index is loaded in the background at start.
  const targeting = createTargeting({ db: mongo.db, graph, logger: lateLogger });
  // The directory sync writes through the audience index's mirror, so previews follow each write.
  const directorySync = createDirectorySync({
    directory: targeting.mirror(createDirectoryStore(mongo.db)),
    syncStates: createSyncStateStore(mongo.db),
    source: createDirectorySource(graph),
    leases: stores.leases,
    clock: { now: () => new Date() },
    ids: { newId: randomUUID },
    holderId,
    logger: lateLogger,
  });
  const authority = `${config.authorityHost}/${config.tenantId}`;
  const app = await buildApp({
    campus,
    audiences: targeting.audiences,
    directorySync,
    tokenVerifier: createEntraTokenVerifier({
      authorityHost: config.authorityHost,
      tenantId: config.tenantId,
      audiences: [config.clientId, config.apiAppIdUri],
      requiredScope: 'access_as_user',
    }),
    resolveRoles,
    clientConfig: {
      tenantId: config.tenantId,
      clientId: config.clientId,
      authority,
      apiScope: `${config.apiAppIdUri}/access_as_user`,
    },
    readiness: [
      {
        name: 'store',
        check: async () => {
          if (!(await mongo.ping())) throw new Error('the data store does not answer');
        },
      },
      {
        name: 'identity',
        check: async () => {
          const response = await fetch(`${authority}/v2.0/.well-known/openid-configuration`);
          if (!response.ok) throw new Error(`the identity provider answered ${response.status}`);
        },
      },
    ],
    botHandler: createBotHandler(
      botConfig,
      createCampusBotPorts({
        campus,
        people,
        resolveRoles,
        tabUrl: config.publicUrl,
        conversations: teamsConversations,
        approvalsUrl: approvalsViewUrl(config.publicUrl),
        outlookOriginator: config.approval.originator,
        lookups: registrationLookups,
      }),
      lateLogger,
    ),
    tabDir: config.tabDir,
    logger,
  });
  log = app.log;
  targeting.index.warmUp({ tenantId: config.tenantId });

  // One pass at start (it resumes a run a restart interrupted, or catches up), then on the schedule.
  const directoryWorker =
    config.directorySyncIntervalMs > 0
      ? startWorker(
          () => directorySync.run({ tenantId: config.tenantId }),
          config.directorySyncIntervalMs,
          (error) =>
            app.log.warn({ err: error }, 'directory sync failed; the next pass resumes where it stopped'),
        )
      : null;
  directoryWorker?.runPass();
  const calendarWorker = startWorker(
    () => campus.processPendingCalendarWork(CALENDAR_WORK_BATCH),
    config.calendarWorkerIntervalMs,
    (error) => app.log.warn({ err: error }, 'calendar worker pass failed; the next pass retries'),
  );
  const registrationWorker = startWorker(
    () => campus.processPendingRegistrationWork(REGISTRATION_WORK_BATCH),
    REGISTRATION_WORKER_INTERVAL_MS,
    (error) => app.log.warn({ err: error }, 'registration worker pass failed; the next pass retries'),
  );
  // Reminders, expiry (which frees seats) and interrupted approvals; each step idempotent.
  const approvals = campus.approvals;
  const approvalWorker = approvals
    ? startWorker(
        () => approvals.process(APPROVAL_WORK_BATCH),
        config.approval.workerIntervalMs,
        (error) => app.log.warn({ err: error }, 'approval worker pass failed; the next pass retries'),
      )
    : null;

  const teamsWorker = startWorker(
    () => teamsOutbox.processDue(TEAMS_WORK_BATCH),
    TEAMS_WORKER_INTERVAL_MS,
    (error) => app.log.warn({ err: error }, 'Teams outbox pass failed; the next pass retries'),
  );
  // Posts a stop or a crash left behind go out at start.
  teamsWorker.runPass();

  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info(
    {
      store: await describeStore(mongo.db),
      storeHosts: mongo.client.options.hosts.map(String),
      db: config.mongodbDb,
      graph: config.graphBaseUrl,
      authority,
    },
    'Campus is listening',
  );
  return {
    url: address,
    async close() {
      const passes = [directoryWorker, calendarWorker, registrationWorker, approvalWorker, teamsWorker].map(
        (worker) => worker?.stop(),
      );
      // A sync under way stops after its current step; the next start resumes from there.
      await directorySync.stop();
      await app.close();
      // Deliveries under way finish (or record their failure) before the store goes: the outbox keeps the rest.
      await Promise.all(passes);
      await campus.calendarIdle();
      await teamsOutbox.idle();
      await mongo.close();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const server = await startServer(loadConfig());
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    }
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}
