/** Fixed identities of the dev tenant, so scripts, tests and the Campus configuration can name them. */
export const DEV_TENANT_ID = '5f0d1c7e-2b7a-4c1e-9d3a-6a8b2f0e4c11';
export const DEV_TENANT_DOMAIN = 'contoso-dev.onmicrosoft.com';
export const DEV_TENANT_NAME = 'Contoso (dev tenant)';
export const DEV_CLIENT_ID = '3c9a6f1e-8d2b-4e57-a1c4-7b0e5d9f2a63';
export const DEV_CLIENT_SECRET = 'campus-dev-secret';
export const DEV_IDENTIFIER_URI = `api://localhost/${DEV_CLIENT_ID}`;

/** Application permissions (app roles on Microsoft Graph) granted to the Campus app by default. */
export const DEV_APPLICATION_PERMISSIONS = [
  'User.Read.All',
  'Group.Read.All',
  'GroupMember.Read.All',
  'Calendars.ReadWrite',
  'Mail.Send',
  'OnlineMeetings.ReadWrite.All',
  'MailboxSettings.Read',
];

/**
 * Delegated Graph permissions an admin consented for the Campus app: what `https://graph.microsoft.com/.default`
 * expands to in on-behalf-of and authorization-code requests.
 */
export const DEV_DELEGATED_PERMISSIONS = [
  'User.Read',
  'User.ReadBasic.All',
  'Calendars.ReadWrite',
  'Mail.Send',
  'OnlineMeetings.ReadWrite',
  'MailboxSettings.Read',
];

/** The Campus API's own delegated scope (exposed API), as in the app registration. */
export const DEV_API_SCOPE = 'access_as_user';

/** Microsoft Graph's resource identifiers: the audience of Graph tokens. */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
