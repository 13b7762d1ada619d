import type { CampusNotification } from '../api-types.js';

/** A short heading per kind of notification; the API's message says the rest. */
export const notificationTitles: Record<CampusNotification['kind'], string> = {
  waitlisted: 'On the waitlist',
  promoted: 'A seat freed up',
  cancelled: 'Registration cancelled',
  approved: 'Approved',
  declined: 'Declined',
  rescheduled: 'Session moved',
  sessionCancelled: 'Session cancelled',
};

/** How many notifications arrived after `seenAt` (ISO instant of the last look; null: never looked). */
export function countUnread(
  notifications: readonly Pick<CampusNotification, 'createdAt'>[],
  seenAt: string | null,
): number {
  if (seenAt === null) return notifications.length;
  const seen = Date.parse(seenAt);
  return notifications.filter((notification) => Date.parse(notification.createdAt) > seen).length;
}

/** The newest notification's time: what "seen up to" becomes when the panel is opened. */
export function newestAt(notifications: readonly Pick<CampusNotification, 'createdAt'>[]): string | null {
  let newest: string | null = null;
  for (const { createdAt } of notifications) {
    if (newest === null || Date.parse(createdAt) > Date.parse(newest)) newest = createdAt;
  }
  return newest;
}
