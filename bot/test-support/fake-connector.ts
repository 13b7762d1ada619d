import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Framework connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

/** A local stand-in for the channel's connector service (the activity's serviceUrl), recording what the bot sends. */
export interface FakeConnector {
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Answers every later call with this status; 403 is what Teams says when the bot may no longer post. */
  respondWith(status: number): void;
  /** Answers the next calls with these, one each (e.g. 429 with Retry-After), then as respondWith says. */
  respondInTurn(answers: ConnectorAnswer[]): void;
  /** Leaves calls unanswered from now until release(): they are recorded as they arrive. */
  hold(): void;
  /** Answers the calls held, and the later ones at once. */
  release(): void;
  /** Calls answered so far (a held call is recorded but not answered). */
  readonly answered: number;
  /** Forgets the calls and answers 200 again, at once. */
  reset(): void;
  close(): Promise<void>;
}

/** How the connector answers one call. */
export interface ConnectorAnswer {
  status: number;
  headers?: Record<string, string>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  let status = 200;
  let inTurn: ConnectorAnswer[] = [];
  let held: Array<() => void> | null = null;
  let answered = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      calls.push({
        method: request.method ?? '',
        path: request.url ?? '',
        body: text ? JSON.parse(text) : {},
      });
      const answer = inTurn.shift() ?? { status };
      const number = calls.length;
      const send = () => {
        response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        const ok = answer.status < 300;
        response.end(
          JSON.stringify(
            ok
              ? { id: `reply-${number}` }
              : { error: { code: 'Refused', message: `status ${answer.status}` } },
          ),
        );
        answered += 1;
      };
      if (held) held.push(send);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    respondWith: (next) => {
      status = next;
    },
    respondInTurn: (answers) => {
      inTurn = [...answers];
    },
    hold: () => {
      held ??= [];
    },
    release: () => {
      const waiting = held ?? [];
      held = null;
      for (const send of waiting) send();
    },
    get answered() {
      return answered;
    },
    reset: () => {
      calls.length = 0;
      status = 200;
      inTurn = [];
      answered = 0;
      const waiting = held ?? [];
      held = null;
      for (const send of waiting) send();
    },
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
