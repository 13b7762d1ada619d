import type { ApprovalView, Me } from '../api-types.js';
import type { BadgeColor } from '../catalog/registration-words.js';

/** Longest standing rule the API accepts, in hours (a working day), and the step it counts in. */
export const maxRuleHours = 8;
const ruleStep = 0.25;

const quoted = (text: string) => `“${text}”`;

/** Whether the session clashes with the employee's calendar, as a badge. */
export function clashBadge(state: ApprovalView['clash']['state']): { text: string; color: BadgeColor } {
  switch (state) {
    case 'free':
      return { text: 'Calendar free', color: 'success' };
    case 'busy':
      return { text: 'Calendar clash', color: 'danger' };
    case 'unknown':
      return { text: 'Calendar not checked', color: 'warning' };
  }
}

/**
 * A decided request in one sentence: who decided and how, when (in the viewer's zone), and the comment.
 * `decidedBy.name` already reads "Megan Bowen's standing rule" when a rule decided.
 */
export function decisionText(
  decision: NonNullable<ApprovalView['decision']>,
  format: (instant: Date) => string,
): string {
  const at = format(new Date(decision.decidedAt));
  const by = decision.decidedBy.name ? ` by ${decision.decidedBy.name}` : '';
  const comment = decision.comment ? `: ${quoted(decision.comment)}` : '.';
  switch (decision.outcome) {
    case 'approved':
      return `Approved${by} on ${at}${comment}`;
    case 'declined':
      return `Declined${by} on ${at}${comment}`;
    case 'expired':
      return `Expired on ${at}: nobody decided before the deadline, so Campus declined it and freed the seat.`;
    case 'withdrawn':
      return `Withdrawn on ${at}: the registration ended before a decision.`;
  }
}

/**
 * "You decide for Megan Bowen until Fri, Dec 4." for a delegate (null for nobody): whose requests show here besides
 * the viewer's own, and until when.
 */
export function delegationText(
  approvesFor: Me['approvesFor'],
  format: (instant: Date) => string,
): string | null {
  if (approvesFor.length === 0) return null;
  const parts = approvesFor.map(
    (entry) =>
      `${entry.displayName ?? 'a supervisor'}${entry.until ? ` until ${format(new Date(entry.until))}` : ''}`,
  );
  const names = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `You decide for ${names}, as their delegate.`;
}

/** "Approve my team for sessions up to 2 hours". */
export function ruleText(maxHours: number): string {
  return `Approve my team at once for sessions up to ${maxHours} ${maxHours === 1 ? 'hour' : 'hours'}`;
}

/** Reads a standing rule's limit as typed: hours above 0, at most a working day, in quarter hours. */
export function parseRuleHours(text: string): { hours: number } | { error: string } {
  const hours = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(hours) || hours <= 0 || hours > maxRuleHours) {
    return { error: `Enter a number of hours above 0 and at most ${maxRuleHours}.` };
  }
  if (Math.abs(hours / ruleStep - Math.round(hours / ruleStep)) > 1e-9) {
    return { error: 'Use quarter hours: 0.25, 0.5, 0.75, 1, 1.25…' };
  }
  return { hours };
}
