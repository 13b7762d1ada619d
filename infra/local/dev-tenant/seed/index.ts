import { DEV_TENANT_DOMAIN, DEV_TENANT_ID } from '../defaults.js';
import type { TenantState } from '../state.js';
import { buildBusyEvents } from './build-events.js';
import { buildGroups } from './build-groups.js';
import { buildPeople } from './build-people.js';
import { createPrng } from './prng.js';

export { devPersonas, CAMPUS_ORGANIZERS_GROUP_ID, type DevPersona } from './personas.js';
export { WINDOWS_TO_IANA } from './catalog.js';

export interface SeedOptions {
  /** Same seed and size give the same organization. Default 1. */
  seed?: number;
  /** Number of people, personas included. Default 2,000. */
  size?: number;
  /** Busy events are placed in the weeks after this instant. Default: now. */
  now?: Date;
  tenantId?: string;
  domain?: string;
}

/** The directory version the seeded organization starts at (delta tokens count changes after it). */
export const SEED_DIRECTORY_VERSION = 1;

/** Builds the seeded organization: people, manager hierarchy, groups and a few busy calendars. */
export function createTenantState(options: SeedOptions = {}): TenantState {
  const seed = options.seed ?? 1;
  const size = options.size ?? 2000;
  const domain = options.domain ?? DEV_TENANT_DOMAIN;
  const people = buildPeople(createPrng(seed), size, domain);
  const groups = buildGroups(createPrng(seed * 7919 + 1), domain, people);
  const users = people.map((p) => p.user);
  const events = buildBusyEvents(createPrng(seed * 104_729 + 2), users, options.now ?? new Date());
  const state: TenantState = {
    tenantId: options.tenantId ?? DEV_TENANT_ID,
    domain,
    users: new Map(users.map((u) => [u.id, u])),
    usersByUpn: new Map(),
    groups: new Map(groups.map((g) => [g.id, g])),
    events: new Map(events.map((e) => [e.id, e])),
    outbox: [],
    directoryVersion: SEED_DIRECTORY_VERSION,
    userChangedAt: new Map(users.map((u) => [u.id, SEED_DIRECTORY_VERSION])),
    deletedUsers: new Map(),
  };
  for (const user of users) {
    state.usersByUpn.set(user.userPrincipalName.toLowerCase(), user.id);
    state.usersByUpn.set(user.mail.toLowerCase(), user.id);
  }
  return state;
}
