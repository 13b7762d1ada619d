import type { Db } from 'mongodb';
import type { NotificationStore } from '../../domain/registrations/notifier.js';
import type {
  LeaseStore,
  RegistrationHistory,
  RegistrationRepository,
  SeatLedger,
} from '../../domain/registrations/registration.js';
import type { SessionRepository } from '../../domain/sessions/session.js';
import type { OutboxStore } from '../../domain/outbox/outbox.js';
import { createLeaseStore } from './lease-store.js';
import { createOutboxStore } from './outbox-store.js';
import { createNotificationStore } from './notification-store.js';
import { createRegistrationHistoryStore } from './registration-history-store.js';
import { createRegistrationRepository } from './registration-repository.js';
import { createSeatLedger } from './seat-ledger.js';
import { createSessionRepository } from './session-repository.js';

export { connectMongo, type ConnectMongoOptions, type MongoConnection } from './connect.js';
export { ensureIndexes } from './indexes.js';
export { createDirectoryStore, type DirectoryPersonDocument } from './directory-store.js';
export { createSyncStateStore } from './sync-state-store.js';

/** The domain's ports, implemented on one MongoDB/FerretDB database. */
export interface MongoStores {
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  registrationHistory: RegistrationHistory;
  notifications: NotificationStore;
  seats: SeatLedger;
  leases: LeaseStore;
  outbox: OutboxStore;
}

export function createMongoStores(db: Db): MongoStores {
  return {
    sessions: createSessionRepository(db),
    registrations: createRegistrationRepository(db),
    registrationHistory: createRegistrationHistoryStore(db),
    notifications: createNotificationStore(db),
    seats: createSeatLedger(db),
    leases: createLeaseStore(db),
    outbox: createOutboxStore(db),
  };
}
