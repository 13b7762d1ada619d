import { createHash } from 'node:crypto';

/**
 * A person has one registration per session, so its id is derived from (tenant, session, user): a name-based UUID
 * (version 5 layout, SHA-1). Finding "my registration for this session" is then a lookup by id, which every store
 * serves from its primary key (FerretDB pushes nothing else down), and the id itself refuses a second registration.
 * The id says nothing a caller could not already know: every route checks who may see a registration.
 */
export function registrationIdFor(tenantId: string, sessionId: string, userId: string): string {
  const hash = createHash('sha1').update(`campus-registration\u0000${tenantId}\u0000${sessionId}\u0000${userId}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
