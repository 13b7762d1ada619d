import type { FastifyReply } from 'fastify';
import type { DevTenantContext } from '../context.js';
import { sendEntraError } from './errors.js';

/** The {tenant} path segment Entra accepts: the tenant id, a verified domain, or the multi-tenant aliases. */
export function isKnownTenant(ctx: DevTenantContext, tenant: string): boolean {
  const value = tenant.toLowerCase();
  return value === ctx.tenantId || value === ctx.state.domain.toLowerCase() || value === 'organizations' || value === 'common';
}

/** Answers AADSTS90002 for an unknown tenant; returns true when the request may go on. */
export function checkTenant(ctx: DevTenantContext, tenant: string, reply: FastifyReply): boolean {
  if (isKnownTenant(ctx, tenant)) return true;
  sendEntraError(reply, 400, 'invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  return false;
}

/** Multi-tenant aliases publish `{tenantid}` in their metadata, as login.microsoftonline.com does. */
export function isAlias(tenant: string): boolean {
  return ['organizations', 'common'].includes(tenant.toLowerCase());
}
