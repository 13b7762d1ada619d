import { createError } from '../../errors.js';
import type { TenantScope } from '../shared/tenant-scope.js';
import type { ApprovalPerson } from './approval.js';

/** A supervisor's stand-in: they may decide in the supervisor's name until `until` (open-ended when null). */
export interface Delegation {
  delegate: ApprovalPerson;
  until: Date | null;
}

/** "Approve my team for sessions up to N hours": matching requests are approved at once, in the rule's name. */
export interface StandingRule {
  id: string;
  maxHours: number;
  createdAt: Date;
}

/** One supervisor's approval settings. */
export interface ApprovalSettings {
  tenantId: string;
  userId: string;
  delegation: Delegation | null;
  rules: StandingRule[];
  updatedAt: Date;
}

export interface ApprovalSettingsStore {
  find(scope: TenantScope, userId: string): Promise<ApprovalSettings | null>;
  /** Replaces the user's settings whole (the user edits only their own, so there is no one to race with). */
  save(settings: ApprovalSettings): Promise<void>;
  /** Settings of supervisors who named this person as delegate (active or not). */
  listByDelegate(scope: TenantScope, delegateId: string): Promise<ApprovalSettings[]>;
}

/** What a supervisor asks for: a delegate by id (or none) and the hour limits of their standing rules. */
export interface ApprovalSettingsInput {
  delegate: { userId: string; until: Date | null } | null;
  rules: Array<{ maxHours: number }>;
}

export const MAX_RULES = 5;
/** A rule covers at most a working day; anything longer deserves a look. */
export const MAX_RULE_HOURS = 8;
const QUARTER_HOUR = 0.25;

export function emptySettings(scope: TenantScope, userId: string, at: Date): ApprovalSettings {
  return { tenantId: scope.tenantId, userId, delegation: null, rules: [], updatedAt: at };
}

/** The delegate who may decide for this supervisor now, if any. */
export function activeDelegate(settings: ApprovalSettings | null, now: Date): ApprovalPerson | null {
  const delegation = settings?.delegation;
  if (!delegation) return null;
  return delegation.until === null || delegation.until > now ? delegation.delegate : null;
}

/** Settings of supervisors whose delegation to this person is active now. */
export async function listActiveDelegations(
  store: ApprovalSettingsStore,
  scope: TenantScope,
  delegateId: string,
  now: Date,
): Promise<ApprovalSettings[]> {
  return (await store.listByDelegate(scope, delegateId)).filter(
    (settings) => activeDelegate(settings, now)?.id.toLowerCase() === delegateId.toLowerCase(),
  );
}

/** The most generous of the supervisor's standing rules that covers a session of this many hours. */
export function matchingRule(settings: ApprovalSettings | null, hoursAway: number): StandingRule | null {
  const covering = (settings?.rules ?? []).filter((rule) => hoursAway <= rule.maxHours);
  return covering.sort((a, b) => b.maxHours - a.maxHours)[0] ?? null;
}

function invalid(field: string, message: string): Error {
  return createError('CAMPUS_ERR_VALIDATION', message, { details: { location: 'body', field } });
}

/** Checks the input against the rules that the schema cannot express; throws naming the field. */
export function checkSettingsInput(input: ApprovalSettingsInput, userId: string, now: Date): void {
  if (input.delegate) {
    if (input.delegate.userId.toLowerCase() === userId.toLowerCase()) {
      throw invalid('/delegate/userId', 'you cannot delegate approvals to yourself');
    }
    if (input.delegate.until && input.delegate.until <= now) {
      throw invalid(
        '/delegate/until',
        'the delegation must end in the future (or leave `until` out for no end)',
      );
    }
  }
  if (input.rules.length > MAX_RULES) throw invalid('/rules', `at most ${MAX_RULES} standing rules`);
  input.rules.forEach((rule, index) => {
    const quarters = rule.maxHours / QUARTER_HOUR;
    if (!(rule.maxHours > 0 && rule.maxHours <= MAX_RULE_HOURS && Number.isInteger(quarters))) {
      throw invalid(
        `/rules/${index}/maxHours`,
        `maxHours must be a multiple of a quarter hour from 0.25 to ${MAX_RULE_HOURS}`,
      );
    }
  });
}
