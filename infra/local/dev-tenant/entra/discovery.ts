import type { FastifyPluginAsync } from 'fastify';
import type { DevTenantContext } from '../context.js';
import { graphIssuer } from './issue-tokens.js';
import { checkTenant, isAlias } from './tenant-path.js';

/**
 * OpenID Connect discovery and signing keys, as Entra serves them under login.microsoftonline.com/{tenant}
 * (https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc#find-your-apps-openid-configuration-document-uri).
 */
export const discoveryRoutes: FastifyPluginAsync<{ ctx: DevTenantContext }> = async (app, { ctx }) => {
  const keys = (base: string) => ({ keys: [{ ...ctx.tokens.jwk, issuer: `${base}/${ctx.tenantId}/v2.0` }] });

  // https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc#sample-response
  app.get<{ Params: { tenant: string } }>('/:tenant/v2.0/.well-known/openid-configuration', async (request, reply) => {
    if (!checkTenant(ctx, request.params.tenant, reply)) return reply;
    const base = ctx.baseUrl(request);
    const tid = isAlias(request.params.tenant) ? '{tenantid}' : ctx.tenantId;
    const path = isAlias(request.params.tenant) ? request.params.tenant : ctx.tenantId;
    return {
      token_endpoint: `${base}/${path}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/${path}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/${tid}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${base}/oidc/userinfo`,
      authorization_endpoint: `${base}/${path}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/${path}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/${path}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
      kerberos_endpoint: `${base}/${path}/kerberos`,
      tenant_region_scope: 'NA',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: new URL(base).host,
      rbac_url: 'https://pas.windows.net',
    };
  });

  // v1.0 metadata: https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc (v1 endpoints section)
  app.get<{ Params: { tenant: string } }>('/:tenant/.well-known/openid-configuration', async (request, reply) => {
    if (!checkTenant(ctx, request.params.tenant, reply)) return reply;
    const base = ctx.baseUrl(request);
    const path = isAlias(request.params.tenant) ? request.params.tenant : ctx.tenantId;
    return {
      token_endpoint: `${base}/${path}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/${path}/discovery/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
      scopes_supported: ['openid'],
      issuer: isAlias(request.params.tenant) ? 'https://sts.windows.net/{tenantid}/' : graphIssuer(ctx.tenantId),
      microsoft_multi_refresh_token: true,
      authorization_endpoint: `${base}/${path}/oauth2/authorize`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/${path}/oauth2/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'amr', 'nonce', 'email', 'given_name', 'family_name', 'nickname'],
      tenant_region_scope: 'NA',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: new URL(base).host,
      rbac_url: 'https://pas.windows.net',
    };
  });

  // Signing keys: https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-the-signature
  app.get<{ Params: { tenant: string } }>('/:tenant/discovery/v2.0/keys', async (request, reply) => (checkTenant(ctx, request.params.tenant, reply) ? keys(ctx.baseUrl(request)) : reply));
  app.get<{ Params: { tenant: string } }>('/:tenant/discovery/keys', async (request, reply) => (checkTenant(ctx, request.params.tenant, reply) ? keys(ctx.baseUrl(request)) : reply));

  // Instance discovery (MSAL asks it unless the authority is in knownAuthorities):
  // https://learn.microsoft.com/entra/identity-platform/msal-client-application-configuration#authority
  app.get<{ Params: { tenant: string } }>('/:tenant/discovery/instance', async (request) => {
    const host = new URL(ctx.baseUrl(request)).host;
    return {
      tenant_discovery_endpoint: `${ctx.baseUrl(request)}/${request.params.tenant}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    };
  });
};
