import { createError } from '../../errors.js';
import type { TenantScope } from '../../domain/shared/tenant-scope.js';
import type { GraphGateway } from './graph-gateway.js';

const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Entra object ids are GUIDs; anything else is answered locally and never sent to Graph. */
export function isObjectId(value: string): boolean {
  return OBJECT_ID.test(value);
}

/**
 * The gateway, after checking that it serves the caller's tenant: a gateway holds one tenant's app token, and
 * answering another tenant's scope with it would read the wrong directory.
 */
export function gatewayFor(gateway: GraphGateway, scope: TenantScope): GraphGateway {
  if (scope.tenantId.toLowerCase() !== gateway.tenantId.toLowerCase()) {
    throw createError('CAMPUS_ERR_FORBIDDEN', 'This Campus serves another Microsoft 365 tenant', {
      details: { tenantId: scope.tenantId },
    });
  }
  return gateway;
}

/** An OData string literal: quoted, with single quotes doubled. URL-encode the whole expression it goes into. */
export function odataString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A path segment that Graph resolves by id or userPrincipalName. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
