import type { FilterField, FilterOperator } from '../odata/filter.js';
import { GraphRequestError, unknownProperty } from '../odata/errors.js';
import type { DirectoryUser } from '../../state.js';

/** Graph v1.0's default user properties when no $select is given (https://learn.microsoft.com/graph/api/user-list). */
export const DEFAULT_USER_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

/** Properties Graph returns only when reading one user (https://learn.microsoft.com/graph/api/user-get, "returned only on $select"). */
export const SINGLE_USER_ONLY = ['aboutMe', 'skills', 'responsibilities', 'mailboxSettings'];

// Text properties Graph returns as the directory holds them, and filters with the string operators (STRING_OPS).
const TEXT_PROPERTIES = [
  'displayName',
  'givenName',
  'surname',
  'jobTitle',
  'department',
  'officeLocation',
  'city',
  'country',
  'usageLocation',
  'employeeType',
  'preferredLanguage',
] as const satisfies ReadonlyArray<keyof DirectoryUser>;

const mailNickname = (u: DirectoryUser): string | null => u.userPrincipalName.split('@')[0] ?? null;

const PROPERTIES: Record<string, (u: DirectoryUser) => unknown> = {
  ...Object.fromEntries(TEXT_PROPERTIES.map((key) => [key, (u: DirectoryUser) => u[key]])),
  id: (u) => u.id,
  userPrincipalName: (u) => u.userPrincipalName,
  mail: (u) => u.mail,
  mailNickname,
  accountEnabled: (u) => u.accountEnabled,
  businessPhones: () => [],
  mobilePhone: () => null,
  aboutMe: (u) => u.aboutMe,
  skills: (u) => [...u.skills],
  responsibilities: (u) => [...u.responsibilities],
  mailboxSettings: (u) => mailboxSettingsOf(u),
};

/** mailboxSettings as Graph documents it (https://learn.microsoft.com/graph/api/user-get-mailboxsettings). */
export function mailboxSettingsOf(user: DirectoryUser): Record<string, unknown> {
  return {
    archiveFolder: null,
    timeZone: user.mailboxTimeZone,
    automaticRepliesSetting: {
      status: 'disabled',
      externalAudience: 'all',
      scheduledStartDateTime: { dateTime: '2025-01-01T00:00:00.0000000', timeZone: 'UTC' },
      scheduledEndDateTime: { dateTime: '2025-01-02T00:00:00.0000000', timeZone: 'UTC' },
      internalReplyMessage: '',
      externalReplyMessage: '',
    },
    language: {
      locale: user.preferredLanguage ?? 'en-US',
      displayName: user.preferredLanguage ?? 'English (United States)',
    },
    workingHours: {
      daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      startTime: '09:00:00.0000000',
      endTime: '17:00:00.0000000',
      timeZone: { name: user.mailboxTimeZone },
    },
    userPurpose: 'user',
    dateFormat: 'M/d/yyyy',
    timeFormat: 'h:mm tt',
    delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
  };
}

/** Checks a $select list against the user type; `single` allows the single-user-only properties. */
export function checkUserSelect(select: string[] | null, single: boolean, extra: string[] = []): string[] {
  if (!select) return DEFAULT_USER_PROPERTIES;
  const known = new Map([...Object.keys(PROPERTIES), ...extra].map((k) => [k.toLowerCase(), k]));
  const resolved = select.map((name) => {
    const key = known.get(name.toLowerCase());
    if (!key) throw unknownProperty(name, 'user');
    return key;
  });
  const singleOnly = resolved.filter((k) => SINGLE_USER_ONLY.includes(k));
  if (!single && singleOnly.length) {
    throw new GraphRequestError(
      400,
      'Request_UnsupportedQuery',
      `The following properties are only supported when retrieving a single user: ${singleOnly.join(', ')}. Use GET /users/{id}?$select=${singleOnly.join(',')}.`,
    );
  }
  return resolved;
}

/** The user as Graph returns it with the given property list (id always included). */
export function renderUser(user: DirectoryUser, select: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of select) {
    const get = PROPERTIES[key];
    if (get) out[key] = get(user);
  }
  if (!('id' in out)) out.id = user.id;
  return out;
}

const STRING_OPS: FilterOperator[] = ['eq', 'ne', 'ge', 'le', 'in', 'startsWith', 'null'];
const text = (get: (u: DirectoryUser) => string | null): FilterField<DirectoryUser> => ({
  get,
  type: 'string',
  operators: STRING_OPS,
});

/** Filterable user properties and the operators Graph supports on them (https://learn.microsoft.com/graph/aad-advanced-queries). */
export const USER_FILTER_FIELDS: Record<string, FilterField<DirectoryUser>> = {
  ...Object.fromEntries(TEXT_PROPERTIES.map((key) => [key, text((u) => u[key])])),
  id: { get: (u) => u.id, type: 'string', operators: ['eq', 'ne', 'in'] },
  accountEnabled: { get: (u) => u.accountEnabled, type: 'boolean', operators: ['eq', 'ne', 'in'] },
  userPrincipalName: {
    get: (u) => u.userPrincipalName,
    type: 'string',
    operators: [...STRING_OPS, 'endsWith'],
  },
  mail: { get: (u) => u.mail, type: 'string', operators: [...STRING_OPS, 'endsWith'] },
  mailNickname: text(mailNickname),
  // Known to Graph but not filterable: Graph answers Request_UnsupportedQuery for them.
  ...Object.fromEntries(
    ['aboutMe', 'skills', 'responsibilities', 'businessPhones', 'mobilePhone'].map((key) => [
      key,
      { get: () => null, type: 'string', operators: [] },
    ]),
  ),
};
