/**
 * A TCP relay in front of the store for crash tests: it forwards the MongoDB wire protocol untouched until a trap
 * matches a command, then swallows that command (the store never sees it) and reports it, so the test can kill the
 * process at exactly that point: after its earlier writes, before that one.
 */
import net from 'node:net';
import { BSON, type Document } from 'mongodb';

/** OP_MSG, the only opcode the driver sends to MongoDB 3.6+ (and FerretDB). */
const OP_MSG = 2013;
/** Message header (16 bytes) and OP_MSG flag bits (4) come before the first section. */
const FIRST_SECTION = 20;

/** The command document of an OP_MSG (its kind 0 section), or null for anything else. */
function commandOf(message: Buffer): Document | null {
  if (message.readInt32LE(12) !== OP_MSG) return null;
  let offset = FIRST_SECTION;
  while (offset < message.length) {
    const kind = message[offset];
    const size = message.readInt32LE(offset + 1);
    if (kind === 0) return BSON.deserialize(message.subarray(offset + 1, offset + 1 + size));
    offset += 1 + size;
  }
  return null;
}

export interface MongoRelay {
  /** mongodb://127.0.0.1:PORT/ of the relay, once listening. */
  uri: string;
  /** Resolves with the first command matching `match` from now on; that command and its connection go no further. */
  swallowNext(match: (command: Document) => boolean): Promise<Document>;
  close(): Promise<void>;
}

export async function startMongoRelay(targetUri: string): Promise<MongoRelay> {
  const target = new URL(targetUri);
  const sockets = new Set<net.Socket>();
  let trap: { match(command: Document): boolean; caught(command: Document): void } | null = null;

  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    let buffered = Buffer.alloc(0);
    let swallowing = false;
    client.on('data', (chunk) => {
      if (swallowing) return;
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 4 && buffered.length >= buffered.readInt32LE(0)) {
        const length = buffered.readInt32LE(0);
        const message = buffered.subarray(0, length);
        buffered = buffered.subarray(length);
        const command = trap ? commandOf(message) : null;
        if (trap && command && trap.match(command)) {
          swallowing = true;
          const fired = trap;
          trap = null;
          fired.caught(command);
          return;
        }
        upstream.write(message);
      }
    });
    upstream.on('data', (chunk) => {
      if (!client.destroyed) client.write(chunk);
    });
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  );
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    swallowNext: (match) => new Promise((caught) => (trap = { match, caught })),
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
