import type { RegisteredApp } from '../app-registration.js';
import { DEV_API_SCOPE, DEV_DELEGATED_PERMISSIONS, GRAPH_APP_ID, GRAPH_RESOURCE } from '../defaults.js';

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

/** Where a requested scope list points: Microsoft Graph or the Campus API, with resource-relative scope names. */
export interface ResolvedScopes {
  resource: 'graph' | 'api';
  /** Resource-relative permission names (e.g. 'User.Read', 'access_as_user'); `.default` expanded. */
  permissions: string[];
  /** Whether `.default` was asked for. */
  isDefault: boolean;
  oidc: Set<string>;
  /** The scope string Entra echoes in `scope` (fully qualified permissions, then OIDC scopes). */
  granted: string[];
}

export type ScopeError = { aadsts: number; error: string; message: string };

function resourceOf(scope: string, app: RegisteredApp): { resource: 'graph' | 'api'; name: string } | null {
  const prefixes: Array<[string, 'graph' | 'api']> = [
    [`${GRAPH_RESOURCE}/`, 'graph'], [`${GRAPH_APP_ID}/`, 'graph'],
    [`${app.identifierUri}/`, 'api'], [`api://${app.clientId}/`, 'api'], [`${app.clientId}/`, 'api'],
  ];
  for (const [prefix, resource] of prefixes) if (scope.toLowerCase().startsWith(prefix.toLowerCase())) return { resource, name: scope.slice(prefix.length) };
  if (!scope.includes('/') && !scope.includes(':')) return { resource: 'graph', name: scope };
  return null;
}

/**
 * Reads a v2 `scope` parameter (https://learn.microsoft.com/entra/identity-platform/scopes-oidc). One resource per request,
 * as Entra requires; with only OpenID scopes the token is for Graph's User.Read.
 */
export function resolveScopes(scopeParam: string, app: RegisteredApp, tenantName: string): ResolvedScopes | ScopeError {
  const requested = scopeParam.split(/\s+/).filter(Boolean);
  const oidc = new Set(requested.filter((s) => OIDC_SCOPES.has(s.toLowerCase())).map((s) => s.toLowerCase()));
  const resourceScopes = requested.filter((s) => !OIDC_SCOPES.has(s.toLowerCase()));
  const parsed = [];
  for (const scope of resourceScopes) {
    const found = resourceOf(scope, app);
    if (!found) {
      const resource = scope.slice(0, scope.lastIndexOf('/'));
      return { aadsts: 500011, error: 'invalid_resource', message: `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.` };
    }
    parsed.push(found);
  }
  const resources = new Set(parsed.map((p) => p.resource));
  if (resources.size > 1) {
    return { aadsts: 28000, error: 'invalid_scope', message: `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scopeParam} is not valid.` };
  }
  const resource = parsed[0]?.resource ?? 'graph';
  const names = parsed.length ? parsed.map((p) => p.name) : ['User.Read'];
  const isDefault = names.includes('.default');
  let permissions: string[];
  if (resource === 'api') {
    const unknown = names.find((n) => n !== '.default' && n !== DEV_API_SCOPE);
    if (unknown) return { aadsts: 65005, error: 'invalid_client', message: `The application '${app.clientId}' asked for scope '${unknown}' that doesn't exist on the resource '${app.clientId}'. Contact the app vendor.` };
    permissions = [DEV_API_SCOPE];
  } else {
    permissions = isDefault ? [...new Set([...DEV_DELEGATED_PERMISSIONS, ...names.filter((n) => n !== '.default')])] : [...new Set(names)];
  }
  const prefix = resource === 'api' ? `${app.identifierUri}/` : `${GRAPH_RESOURCE}/`;
  return { resource, permissions, isDefault, oidc, granted: [...permissions.map((p) => prefix + p), ...oidc] };
}

export function isScopeError(value: ResolvedScopes | ScopeError): value is ScopeError {
  return 'aadsts' in value;
}
