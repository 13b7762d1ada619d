import {
  newDirectoryPerson,
  organizationFields,
  type DirectoryChange,
  type DirectoryPerson,
  type DirectoryProfile,
} from '../directory/directory-person.js';
import type { IndexedPerson } from './directory-columns.js';
import { wordsOf } from './words.js';

/**
 * A write the directory store has made, as the audience index repeats it. Each kind restates one DirectoryStore
 * method's documented effect, so the index ends where the store ends without reading 100,000 documents back.
 */
export type DirectoryPatch =
  | { kind: 'upsert'; changes: UpsertedPerson[]; syncedAt: Date }
  | { kind: 'delete'; ids: string[]; syncedAt: Date }
  | { kind: 'deleteUnsyncedSince'; since: Date }
  | { kind: 'profiles'; profiles: DirectoryProfile[] };

/** What upsertMany writes for a person: a change, and on a full round the profile read with it. */
export type UpsertedPerson = DirectoryChange &
  Partial<Pick<DirectoryPerson, 'skills' | 'responsibilities' | 'aboutMe' | 'timeZone'>>;

/** The index's record of a stored person. */
export function toIndexedPerson(
  person: Omit<DirectoryPerson, 'tenantId' | 'managerChain' | 'givenName' | 'surname'>,
): IndexedPerson {
  return {
    id: person.id.toLowerCase(),
    displayName: person.displayName,
    mail: person.mail,
    userPrincipalName: person.userPrincipalName,
    jobTitle: person.jobTitle,
    department: person.department,
    officeLocation: person.officeLocation,
    city: person.city,
    country: person.country,
    employeeType: person.employeeType,
    timeZone: person.timeZone,
    accountEnabled: person.accountEnabled,
    deleted: person.deleted,
    managerId: person.managerId?.toLowerCase() ?? null,
    skills: person.skills,
    responsibilities: person.responsibilities,
    aboutMeWords: wordsOf(person.aboutMe),
    syncedAt: person.syncedAt.getTime(),
  };
}

/** The properties of a change the index keeps as they come (aboutMe and the profile are handled apart). */
const changeFields = [
  'displayName',
  'mail',
  'userPrincipalName',
  ...organizationFields,
  'accountEnabled',
  'managerId',
] as const;

/** The people a patch reads and writes, by lower-case id. */
export interface PeopleView {
  get(id: string): IndexedPerson | undefined;
  set(person: IndexedPerson): void;
  /** People not deleted whose last sync is before `since` (epoch ms). */
  syncedBefore(since: number): IndexedPerson[];
}

/** Applies one patch to the people of the view. */
export function applyDirectoryPatch(people: PeopleView, patch: DirectoryPatch): void {
  switch (patch.kind) {
    case 'upsert': {
      const syncedAt = patch.syncedAt.getTime();
      for (const change of patch.changes) {
        const id = change.id.toLowerCase();
        // A person first seen starts from the store's defaults.
        const person = { ...(people.get(id) ?? toIndexedPerson(newDirectoryPerson(id, patch.syncedAt))) };
        for (const field of changeFields) {
          if (change[field] !== undefined) Object.assign(person, { [field]: change[field] });
        }
        if (change.skills !== undefined) person.skills = change.skills;
        if (change.responsibilities !== undefined) person.responsibilities = change.responsibilities;
        if (change.aboutMe !== undefined) person.aboutMeWords = wordsOf(change.aboutMe);
        if (change.timeZone !== undefined) person.timeZone = change.timeZone;
        person.managerId = person.managerId?.toLowerCase() ?? null;
        person.deleted = false;
        person.syncedAt = syncedAt;
        people.set(person);
      }
      return;
    }
    case 'delete':
      for (const id of patch.ids) {
        const person = people.get(id.toLowerCase());
        if (person) people.set({ ...person, deleted: true, syncedAt: patch.syncedAt.getTime() });
      }
      return;
    case 'deleteUnsyncedSince':
      for (const person of people.syncedBefore(patch.since.getTime()))
        people.set({ ...person, deleted: true });
      return;
    case 'profiles':
      for (const profile of patch.profiles) {
        const person = people.get(profile.id.toLowerCase());
        if (!person) continue;
        people.set({
          ...person,
          skills: profile.skills,
          responsibilities: profile.responsibilities,
          aboutMeWords: wordsOf(profile.aboutMe),
          timeZone: profile.timeZone,
        });
      }
  }
}
