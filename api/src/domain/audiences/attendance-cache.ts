import type { Clock } from '../shared/tenant-scope.js';
import type { AttendanceSource } from './audience.js';

/** Topics remembered at most, across tenants. */
const MAX_TOPICS = 500;

/**
 * Keeps each topic's attendees for a short while: a preview is asked again at every edit of the rule, and the
 * registrations behind a topic change far more slowly than an organizer types.
 */
export function cacheAttendance(source: AttendanceSource, options: { clock: Clock; ttlMs: number }): AttendanceSource {
  const cache = new Map<string, { attendees: Promise<string[]>; expiresAt: number }>();
  return {
    listAttendeesOfTopic(scope, topic) {
      const key = `${scope.tenantId}:${topic.toLowerCase()}`;
      const now = options.clock.now().getTime();
      const cached = cache.get(key);
      if (cached && cached.expiresAt > now) return cached.attendees;
      if (cache.size >= MAX_TOPICS) cache.clear();
      const attendees = source.listAttendeesOfTopic(scope, topic);
      cache.set(key, { attendees, expiresAt: now + options.ttlMs });
      // A failed read is not remembered.
      attendees.catch(() => cache.delete(key));
      return attendees;
    },
  };
}
