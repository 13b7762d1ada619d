import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { createBotHandler, type BotConfig, type BotResponse } from '../src/index.js';
import { validateAdaptiveCard } from './adaptive-card-schema.js';
import { createCapturingLogger } from './capturing-logger.js';
import { startFakeConnector, type FakeConnector } from './fake-connector.js';
import { createFakePorts, type FakePorts } from './fake-ports.js';
import { conversationId } from './teams-activities.js';

/** Local settings: no app id, so no JWT validation (as with the Agents Playground). */
export const localBotConfig: BotConfig = {
  appId: '',
  appPassword: '',
  appTenantId: '',
  appType: 'MultiTenant',
};

/** The real bot handler over fake ports, answering through a fake connector. */
export function createBotHarness(connector: FakeConnector, config: BotConfig = localBotConfig): BotHarness {
  connector.reset();
  const ports: FakePorts = createFakePorts();
  const logger = createCapturingLogger();
  const handle = createBotHandler(config, ports, logger);

  return {
    ports,
    logger,
    handle,
    /** POSTs a body to the messaging endpoint, as the Fastify plugin will. */
    post(body: unknown, headers: Record<string, string> = {}): Promise<BotResponse> {
      return handle({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    },
    /** The one card the bot replied with, after checking the reply's address and the card's schema. */
    repliedCard(replyToId: string): Record<string, unknown> {
      expect(connector.calls).toHaveLength(1);
      const [call] = connector.calls;
      expect(call).toMatchObject({
        method: 'POST',
        path: `/v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(replyToId)}`,
        body: {
          type: 'message',
          replyToId,
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }],
        },
      });
      const card = (call!.body.attachments as { content: Record<string, unknown> }[])[0]!.content;
      expect(validateAdaptiveCard(card)).toEqual({ valid: true, errors: [] });
      return card;
    },
  };
}

export interface BotHarness {
  ports: FakePorts;
  logger: ReturnType<typeof createCapturingLogger>;
  handle: ReturnType<typeof createBotHandler>;
  post(body: unknown, headers?: Record<string, string>): Promise<BotResponse>;
  repliedCard(replyToId: string): Record<string, unknown>;
}

/**
 * For a test file: one fake connector for the file, and a fresh bot (new fake ports, no calls recorded) for each
 * test. Read `connector` and `bot` inside tests; they are set by the hooks this registers.
 */
export function useBotHarness(): { connector: FakeConnector; bot: BotHarness } {
  const context = {} as { connector: FakeConnector; bot: BotHarness };
  beforeAll(async () => {
    context.connector = await startFakeConnector();
  });
  afterAll(() => context.connector.close());
  beforeEach(() => {
    context.bot = createBotHarness(context.connector);
  });
  return context;
}

/** Checks an Action.Execute answer: 200 with a card (valid against the schema) to show in place of the one pressed. */
export function invokedCard(response: BotResponse): Record<string, unknown> {
  expect(response).toMatchObject({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' },
  });
  const card = (response.body as { value: Record<string, unknown> }).value;
  expect(validateAdaptiveCard(card)).toEqual({ valid: true, errors: [] });
  return card;
}
