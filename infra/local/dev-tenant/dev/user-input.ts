import { randomUUID } from 'node:crypto';
import { OFFICES } from '../seed/catalog.js';
import { findUser, type DirectoryUser, type TenantState } from '../state.js';

type Kind = 'string' | 'nullable' | 'boolean' | 'strings';

const FIELDS: Record<Exclude<keyof DirectoryUser, 'id'>, Kind> = {
  displayName: 'string', givenName: 'string', surname: 'string', userPrincipalName: 'string', mail: 'string',
  jobTitle: 'nullable', department: 'nullable', officeLocation: 'nullable', city: 'nullable', country: 'nullable',
  usageLocation: 'nullable', employeeType: 'nullable', accountEnabled: 'boolean', preferredLanguage: 'nullable',
  skills: 'strings', responsibilities: 'strings', aboutMe: 'nullable', managerId: 'nullable', mailboxTimeZone: 'string',
};

function check(key: string, value: unknown): string | null {
  const kind = FIELDS[key as keyof typeof FIELDS];
  if (!kind) return `unknown user field '${key}' (known: ${Object.keys(FIELDS).join(', ')})`;
  const ok = kind === 'string' ? typeof value === 'string' && value.length > 0
    : kind === 'nullable' ? value === null || typeof value === 'string'
      : kind === 'boolean' ? typeof value === 'boolean'
        : Array.isArray(value) && value.every((v) => typeof v === 'string');
  return ok ? null : `${key} must be ${kind === 'strings' ? 'an array of strings' : kind === 'nullable' ? 'a string or null' : `a ${kind === 'string' ? 'non-empty string' : 'boolean'}`}`;
}

function checkReferences(state: TenantState, userId: string, patch: Partial<DirectoryUser>): string | null {
  if (patch.managerId) {
    if (patch.managerId === userId) return 'a user cannot be their own manager';
    if (!state.users.has(patch.managerId)) return `managerId '${patch.managerId}' is not a user`;
    for (let id: string | null = patch.managerId; id; id = state.users.get(id)?.managerId ?? null) {
      if (id === userId) return 'managerId would create a reporting cycle';
    }
  }
  for (const key of ['userPrincipalName', 'mail'] as const) {
    const value = patch[key];
    if (value === undefined) continue;
    const holder = findUser(state, value);
    if (holder && holder.id !== userId) return `${key} '${value}' is already used by ${holder.id}`;
  }
  return null;
}

/** Validates a PATCH /_dev/users/{id} body: any DirectoryUser field but id. Returns an error message or the patch. */
export function readUserPatch(state: TenantState, user: DirectoryUser, body: unknown): Partial<DirectoryUser> | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body must be a JSON object of user fields';
  for (const [key, value] of Object.entries(body)) {
    const error = check(key, value);
    if (error) return error;
  }
  const patch = body as Partial<DirectoryUser>;
  if (patch.officeLocation && !patch.mailboxTimeZone) {
    const office = OFFICES.find((o) => o.officeLocation === patch.officeLocation);
    if (office) Object.assign(patch, { city: patch.city ?? office.city, country: patch.country ?? office.country, mailboxTimeZone: office.timeZone });
  }
  return checkReferences(state, user.id, patch) ?? patch;
}

/** Validates a POST /_dev/users body: displayName, givenName, surname and userPrincipalName required; the rest defaulted. */
export function readUserCreate(state: TenantState, body: unknown): DirectoryUser | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body must be a JSON object of user fields';
  const b = body as Record<string, unknown>;
  const id = b.id === undefined ? randomUUID() : b.id;
  if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return 'id must be a GUID';
  if (state.users.has(id)) return `a user with id '${id}' already exists`;
  for (const key of ['displayName', 'userPrincipalName'] as const) if (typeof b[key] !== 'string' || !b[key]) return `${key} is required`;
  const fields = Object.fromEntries(Object.entries(b).filter(([k]) => k !== 'id'));
  for (const [key, value] of Object.entries(fields)) {
    const error = check(key, value);
    if (error) return error;
  }
  const upn = b.userPrincipalName as string;
  const office = OFFICES.find((o) => o.officeLocation === b.officeLocation) ?? OFFICES[0]!;
  const [given, ...rest] = String(b.displayName).split(' ');
  const user: DirectoryUser = {
    id, displayName: String(b.displayName), givenName: given ?? '', surname: rest.join(' '), userPrincipalName: upn, mail: upn,
    jobTitle: null, department: null, officeLocation: office.officeLocation, city: office.city, country: office.country,
    usageLocation: office.usageLocation, employeeType: 'Employee', accountEnabled: true, preferredLanguage: office.preferredLanguage,
    skills: [], responsibilities: [], aboutMe: null, managerId: null, mailboxTimeZone: office.timeZone,
    ...(fields as Partial<DirectoryUser>),
  };
  return checkReferences(state, id, user) ?? user;
}
