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
  /** Forgets the calls and answers 200 again. */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  let status = 200;
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
      response.writeHead(status, { 'content-type': 'application/json' });
      const ok = status < 300;
      response.end(
        JSON.stringify(
          ok ? { id: `reply-${calls.length}` } : { error: { code: 'Forbidden', message: 'refused' } },
        ),
      );
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
    reset: () => {
      calls.length = 0;
      status = 200;
    },
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
