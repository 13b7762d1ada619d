import type { ApprovalPerson, ApprovalRequest, CalendarClash } from './approval.js';

/** A request as one viewer sees it on a card, in the approvals list, or in a mail: times in their own zone. */
export interface ApprovalSummary {
  approvalId: string;
  status: ApprovalRequest['status'];
  employee: ApprovalPerson;
  approver: ApprovalPerson | null;
  session: ApprovalRequest['session'];
  /** "Tue, Mar 3, 2026, 9:00 – 10:00 AM PST" in `timeZone`. */
  whenText: string;
  timeZone: string;
  hoursAway: number;
  /** "1 hour", "1.5 hours", "45 minutes". */
  hoursAwayText: string;
  clash: CalendarClash;
  clashText: string;
  expiresAt: Date;
  /** "Mon, Mar 2, 5:00 PM PST": the last moment to decide. */
  expiresText: string;
}

/** Formats in a zone and locale, falling back to en-US when the mailbox's locale is unknown to the runtime. */
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, options);
  } catch {
    return new Intl.DateTimeFormat('en-US', options);
  }
}

/** ICU puts thin and narrow no-break spaces in dates; plain spaces read the same in every mail client and card host. */
const plainSpaces = (text: string): string => text.replace(/[\u2009\u202f]/g, ' ');

export function formatRange(start: Date, end: Date, timeZone: string, locale: string): string {
  return plainSpaces(
    formatter(locale, {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    }).formatRange(start, end),
  );
}

function formatInstant(instant: Date, timeZone: string, locale: string): string {
  return plainSpaces(
    formatter(locale, {
      timeZone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(instant),
  );
}

export function describeHours(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} minutes`;
  const rounded = Math.round(hours * 100) / 100;
  return `${rounded} ${rounded === 1 ? 'hour' : 'hours'}`;
}

function describeClash(
  clash: CalendarClash,
  employee: ApprovalPerson,
  timeZone: string,
  locale: string,
): string {
  const name = employee.displayName;
  switch (clash.state) {
    case 'free':
      return `${name}'s calendar is free at that time.`;
    case 'unknown':
      return `Campus could not read ${name}'s calendar; check with them.`;
    case 'busy': {
      const times = clash.periods.map(
        (period) => `${formatRange(period.start, period.end, timeZone, locale)} (${period.status})`,
      );
      return `Clashes with ${name}'s calendar: ${times.join('; ')}.`;
    }
  }
}

/** The session's duration in hours, to two decimals. */
export function hoursBetween(start: Date, end: Date): number {
  return Math.round(((end.getTime() - start.getTime()) / 3_600_000) * 100) / 100;
}

/** The request as a viewer in `timeZone` reads it. */
export function summarizeApproval(
  request: ApprovalRequest,
  viewer: { timeZone: string; locale: string },
): ApprovalSummary {
  const { timeZone, locale } = viewer;
  return {
    approvalId: request.id,
    status: request.status,
    employee: request.employee,
    approver: request.approver && {
      id: request.approver.id,
      displayName: request.approver.displayName,
      mail: request.approver.mail,
    },
    session: request.session,
    whenText: formatRange(request.session.startsAt, request.session.endsAt, timeZone, locale),
    timeZone,
    hoursAway: request.hoursAway,
    hoursAwayText: describeHours(request.hoursAway),
    clash: request.clash,
    clashText: describeClash(request.clash, request.employee, timeZone, locale),
    expiresAt: request.expiresAt,
    expiresText: formatInstant(request.expiresAt, timeZone, locale),
  };
}
