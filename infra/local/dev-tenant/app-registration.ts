import { DEV_APPLICATION_PERMISSIONS, DEV_CLIENT_ID, DEV_CLIENT_SECRET, DEV_IDENTIFIER_URI } from './defaults.js';

/** The Campus app registration in the dev tenant. */
export interface RegisteredApp {
  clientId: string;
  clientSecret: string;
  identifierUri: string;
  /** app roles granted (application permissions) */
  applicationPermissions: string[];
  /** SPA redirect URIs allowed for the authorization-code flow; any http(s)://localhost:* and 127.0.0.1:* is allowed in dev */
  redirectUris: string[];
}

export function createCampusApp(overrides: Partial<RegisteredApp> = {}): RegisteredApp {
  const clientId = overrides.clientId ?? DEV_CLIENT_ID;
  return {
    clientId,
    clientSecret: overrides.clientSecret ?? DEV_CLIENT_SECRET,
    identifierUri: overrides.identifierUri ?? (clientId === DEV_CLIENT_ID ? DEV_IDENTIFIER_URI : `api://localhost/${clientId}`),
    applicationPermissions: overrides.applicationPermissions ?? [...DEV_APPLICATION_PERMISSIONS],
    redirectUris: overrides.redirectUris ?? [],
  };
}

/** Dev rule: registered URIs, plus any http(s) URI on localhost or 127.0.0.1 (any port), as a developer would register. */
export function isAllowedRedirectUri(app: RegisteredApp, uri: string): boolean {
  if (app.redirectUris.includes(uri)) return true;
  try {
    const url = new URL(uri);
    return (url.protocol === 'http:' || url.protocol === 'https:') && (url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]');
  } catch {
    return false;
  }
}
