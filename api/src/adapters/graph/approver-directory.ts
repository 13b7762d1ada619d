import type { ApprovalPerson, BusyPeriod } from '../../domain/approvals/approval.js';
import type { ApproverDirectory } from '../../domain/approvals/approval-ports.js';
import { toInstant } from '../../domain/calendar/zoned-time.js';
import type { GraphGateway } from './graph-gateway.js';
import { GraphRequestError } from './graph-request-error.js';
import { gatewayFor, isObjectId, segment } from './graph-scope.js';
import { toIanaTimeZone } from './windows-time-zones.js';

interface GraphUser {
  id: string;
  displayName: string | null;
  mail: string | null;
  userPrincipalName: string;
  accountEnabled?: boolean | null;
}

interface ScheduleItem {
  status: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
}

interface ScheduleInformation {
  scheduleId: string;
  scheduleItems?: ScheduleItem[];
  error?: { message?: string; responseCode?: string } | null;
}

const USER_FIELDS = 'id,displayName,mail,userPrincipalName,accountEnabled';
const NOT_FREE = new Set<BusyPeriod['status']>(['tentative', 'busy', 'oof', 'workingElsewhere']);
/** getSchedule's availability view granularity; only scheduleItems are read, so it just has to be valid. */
const VIEW_INTERVAL_MINUTES = 15;

function toPerson(user: GraphUser): ApprovalPerson | null {
  if (user.accountEnabled === false) return null;
  return {
    id: user.id,
    displayName: user.displayName ?? user.userPrincipalName,
    mail: user.mail ?? user.userPrincipalName,
  };
}

async function orNull<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GraphRequestError && error.status === 404) return null;
    throw error;
  }
}

/** "2025-03-12T17:00:00.0000000" in UTC → instant (getSchedule answers in the zone asked for, UTC here). */
function utcInstant(dateTime: string): Date | null {
  return toInstant({ dateTime: dateTime.slice(0, 19), timeZone: 'UTC' });
}

/** Graph dateTimeTimeZone in UTC for an instant. */
function utc(instant: Date): { dateTime: string; timeZone: string } {
  return { dateTime: instant.toISOString().slice(0, 19), timeZone: 'UTC' };
}

/**
 * Managers, mailbox settings and free/busy from Microsoft Graph (application permissions User.Read.All,
 * MailboxSettings.Read, Calendars.ReadBasic): https://learn.microsoft.com/graph/api/user-list-manager,
 * https://learn.microsoft.com/graph/api/user-get-mailboxsettings, https://learn.microsoft.com/graph/api/calendar-getschedule
 */
export function createApproverDirectory(gateway: GraphGateway): ApproverDirectory {
  return {
    async findManager(scope, userId) {
      const graph = gatewayFor(gateway, scope);
      if (!isObjectId(userId)) return null;
      // A manager can be an orgContact; only users can approve in Campus, so the cast keeps users alone.
      const manager = await orNull(() =>
        graph.get<GraphUser>(`/users/${userId}/manager?$select=${USER_FIELDS}`),
      );
      return manager ? toPerson(manager) : null;
    },

    async findPerson(scope, userId) {
      const graph = gatewayFor(gateway, scope);
      if (!isObjectId(userId)) return null;
      const user = await orNull(() => graph.get<GraphUser>(`/users/${userId}?$select=${USER_FIELDS}`));
      return user ? toPerson(user) : null;
    },

    async findMailbox(scope, userId) {
      const graph = gatewayFor(gateway, scope);
      if (!isObjectId(userId)) return { timeZone: null, locale: null };
      const settings = await orNull(() =>
        graph.get<{ timeZone?: string | null; language?: { locale?: string | null } | null }>(
          `/users/${userId}/mailboxSettings`,
        ),
      );
      return { timeZone: toIanaTimeZone(settings?.timeZone), locale: settings?.language?.locale ?? null };
    },

    async findBusyPeriods(scope, person, start, end) {
      const graph = gatewayFor(gateway, scope);
      const answer = await graph.post<{ value: ScheduleInformation[] }>(
        `/users/${segment(person.id)}/calendar/getSchedule`,
        {
          schedules: [person.mail],
          startTime: utc(start),
          endTime: utc(end),
          availabilityViewInterval: VIEW_INTERVAL_MINUTES,
        },
        { Prefer: 'outlook.timezone="UTC"' },
      );
      const schedule = answer.value[0];
      if (!schedule || schedule.error)
        throw new Error(
          `getSchedule gave no schedule for ${person.mail}: ${schedule?.error?.message ?? 'empty answer'}`,
        );
      return (schedule.scheduleItems ?? []).flatMap((item): BusyPeriod[] => {
        const status = item.status as BusyPeriod['status'];
        const itemStart = utcInstant(item.start.dateTime);
        const itemEnd = utcInstant(item.end.dateTime);
        if (!NOT_FREE.has(status) || !itemStart || !itemEnd || itemStart >= end || itemEnd <= start)
          return [];
        return [{ start: itemStart, end: itemEnd, status }];
      });
    },
  };
}
