import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendGraphError } from '../graph-http.js';

/** Permissions that allow an operation: any one application role, or any one delegated scope. */
export interface PermissionRule {
  application: readonly string[];
  delegated: readonly string[];
  /** Delegated scopes that suffice only when the target is the signed-in user (e.g. User.Read on /me). */
  delegatedSelf?: readonly string[];
}

/** Graph's read permissions on the directory (https://learn.microsoft.com/graph/permissions-reference). */
export const READ_USERS: PermissionRule = {
  application: ['User.Read.All', 'User.ReadWrite.All', 'User.ReadBasic.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  delegated: ['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All', 'People.Read.All'],
  delegatedSelf: ['User.Read', 'User.ReadWrite'],
};

export const READ_GROUPS: PermissionRule = {
  application: ['Group.Read.All', 'GroupMember.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  delegated: ['Group.Read.All', 'GroupMember.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
};

export const READ_MEMBERSHIP: PermissionRule = {
  application: [...READ_GROUPS.application, 'User.Read.All', 'User.ReadWrite.All'],
  delegated: [...READ_GROUPS.delegated, 'User.Read.All', 'User.ReadWrite.All'],
  delegatedSelf: ['User.Read', 'GroupMember.Read.All'],
};

export const READ_MAILBOX_SETTINGS: PermissionRule = {
  application: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'],
  delegated: [],
  delegatedSelf: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'],
};

/**
 * Answers 403 Authorization_RequestDenied (Graph's directory wording) unless the caller holds a permission of the rule.
 * Returns true when the request may go on. `targetUserId` is the user the request is about, for self-only scopes.
 */
export function requirePermission(request: FastifyRequest, reply: FastifyReply, rule: PermissionRule, targetUserId?: string, code = 'Authorization_RequestDenied', message = 'Insufficient privileges to complete the operation.'): boolean {
  const caller = request.graphCaller;
  const held = caller.kind === 'application' ? caller.roles : caller.scopes;
  const allowed = caller.kind === 'application'
    ? rule.application
    : [...rule.delegated, ...(targetUserId && targetUserId === caller.userId ? rule.delegatedSelf ?? [] : [])];
  if (held.some((p) => allowed.includes(p))) return true;
  sendGraphError(request, reply, 403, code, message);
  return false;
}
