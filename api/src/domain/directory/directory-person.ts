import type { TenantScope } from '../shared/tenant-scope.js';

/** A person of the tenant's directory as Campus keeps it, synced from Microsoft Graph. */
export interface DirectoryPerson {
  tenantId: string;
  /** Entra object id. */
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  userPrincipalName: string;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  city: string | null;
  country: string | null;
  employeeType: string | null;
  accountEnabled: boolean;
  managerId: string | null;
  /** Ids of the managers above, nearest first (managerId is managerChain[0]); [] at the top. */
  managerChain: string[];
  /** Mailbox time zone as Graph returns it (Windows name, e.g. 'Romance Standard Time'), null until enriched. */
  timeZone: string | null;
  skills: string[];
  responsibilities: string[];
  aboutMe: string | null;
  /** True once Graph reported the account deleted; kept so history still resolves names. */
  deleted: boolean;
  /** When a delta round last reported this person. */
  syncedAt: Date;
}

/** A person's place in the organization, as Graph's user has it: texts that many people share. */
export const organizationFields = [
  'jobTitle',
  'department',
  'officeLocation',
  'city',
  'country',
  'employeeType',
] as const;

/**
 * A person first seen, before the change that reports them is written over: the defaults upsertMany gives the
 * properties a change leaves out (empty chain and profile, enabled, not deleted).
 */
export function newDirectoryPerson(id: string, syncedAt: Date): Omit<DirectoryPerson, 'tenantId'> {
  return {
    id,
    displayName: '',
    givenName: null,
    surname: null,
    mail: null,
    userPrincipalName: '',
    jobTitle: null,
    department: null,
    officeLocation: null,
    city: null,
    country: null,
    employeeType: null,
    accountEnabled: true,
    managerId: null,
    managerChain: [],
    timeZone: null,
    skills: [],
    responsibilities: [],
    aboutMe: null,
    deleted: false,
    syncedAt,
  };
}

/** The properties a delta page carries for a person; on an incremental sync only the changed ones are present. */
export type DirectoryChange = { id: string } & Partial<
  Pick<
    DirectoryPerson,
    | 'displayName'
    | 'givenName'
    | 'surname'
    | 'mail'
    | 'userPrincipalName'
    | 'jobTitle'
    | 'department'
    | 'officeLocation'
    | 'city'
    | 'country'
    | 'employeeType'
    | 'accountEnabled'
    | 'managerId'
  >
>;

/** What profile enrichment reads per person, outside delta (Graph serves these only on a single user). */
export interface DirectoryProfile {
  id: string;
  skills: string[];
  responsibilities: string[];
  aboutMe: string | null;
  timeZone: string | null;
}

/** What the sync writes for a person: a change, and on a full round the chain and profile read with it. */
export type DirectoryWrite = DirectoryChange &
  Partial<Pick<DirectoryPerson, 'managerChain' | 'skills' | 'responsibilities' | 'aboutMe' | 'timeZone'>>;

/** A person's place in the reporting line, all the chain computation needs. */
export interface ManagerLink {
  id: string;
  managerId: string | null;
  managerChain: string[];
}

/** The synced directory. Query methods for audiences live with the targeting rules. */
export interface DirectoryStore {
  /**
   * Writes the properties present on each change; a person seen for the first time gets defaults for the rest
   * (empty chain and profile, not deleted). A change for a deleted person revives it.
   */
  upsertMany(scope: TenantScope, writes: DirectoryWrite[], syncedAt: Date): Promise<void>;
  /** Keeps the records (history still resolves names) and marks them deleted. */
  markDeleted(scope: TenantScope, ids: string[], syncedAt: Date): Promise<void>;
  /** After a full round: marks deleted everyone it did not report (not synced since it began). Answers how many. */
  markDeletedUnlessSyncedSince(scope: TenantScope, since: Date): Promise<number>;
  findById(scope: TenantScope, id: string): Promise<DirectoryPerson | null>;
  findByIds(scope: TenantScope, ids: string[]): Promise<DirectoryPerson[]>;
  /** Direct reports of a manager, deleted people excluded, by display name. */
  listReports(scope: TenantScope, managerId: string): Promise<DirectoryPerson[]>;
  /** The reporting lines of these people (unknown ids are left out). */
  findManagerLinks(scope: TenantScope, ids: string[]): Promise<ManagerLink[]>;
  /** The reporting lines of everyone whose stored chain passes through one of these people. */
  listManagerLinksUnder(scope: TenantScope, ids: string[]): Promise<ManagerLink[]>;
  setManagerChains(scope: TenantScope, chains: Array<{ id: string; managerChain: string[] }>): Promise<void>;
  setProfiles(scope: TenantScope, profiles: DirectoryProfile[]): Promise<void>;
}
