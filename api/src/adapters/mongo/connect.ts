import { MongoClient, type Db } from 'mongodb';
import { withStore } from './store-errors.js';

/** An open connection to the store: the driver's client and the Campus database. */
export interface MongoConnection {
  client: MongoClient;
  db: Db;
  /** True when the store answers a ping now (for readiness checks); never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface ConnectMongoOptions {
  uri: string;
  dbName: string;
  logger?: { info(obj: object, msg: string): void };
}

/** A dead store must surface quickly as CAMPUS_ERR_STORE_UNAVAILABLE, not hang requests for the driver's 30 s. */
const serverSelectionTimeoutMS = 3_000;

/** Connects to MongoDB or FerretDB; fails with CAMPUS_ERR_STORE_UNAVAILABLE when the store cannot be reached. */
export async function connectMongo(options: ConnectMongoOptions): Promise<MongoConnection> {
  const client = new MongoClient(options.uri, {
    appName: 'campus-api',
    serverSelectionTimeoutMS,
    connectTimeoutMS: serverSelectionTimeoutMS,
  });
  try {
    await withStore(async () => {
      await client.connect();
      await client.db(options.dbName).command({ ping: 1 });
    });
  } catch (error) {
    await client.close();
    throw error;
  }
  // Host names and the database only: the URI may carry credentials.
  const hosts = client.options.hosts.map((host) => host.toString());
  options.logger?.info({ store: { hosts, db: options.dbName } }, 'connected to the data store');
  const db = client.db(options.dbName);
  return {
    client,
    db,
    async ping() {
      try {
        await db.command({ ping: 1 });
        return true;
      } catch {
        return false;
      }
    },
    close: () => client.close(),
  };
}
