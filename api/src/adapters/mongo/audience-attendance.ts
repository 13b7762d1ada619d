import type { Db, Document } from 'mongodb';
import type { AttendanceSource } from '../../domain/audiences/audience.js';
import { collectionNames } from './collections.js';
import { withStore } from './store-errors.js';

/**
 * Registration states that count as having been to (or being booked on) a session. A waitlisted, declined or
 * cancelled registration, or a no-show, does not.
 */
const ATTENDING = ['confirmed', 'attended'];

/** Sessions looked up per registrations query. */
const SESSIONS_PER_QUERY = 200;

/** Who has been to sessions on a topic, from the sessions and registrations collections. */
export function createAttendanceSource(db: Db): AttendanceSource {
  const sessions = db.collection<Document>(collectionNames.sessions);
  const registrations = db.collection<Document>(collectionNames.registrations);
  return {
    listAttendeesOfTopic: (scope, topic) =>
      withStore(async () => {
        // Sessions have no topic field yet: the title stands for it, matched case-insensitively in this process
        // (a tenant has hundreds of sessions, and FerretDB would not use an index for a regex anyway).
        const needle = topic.toLowerCase();
        const titled = await sessions.find({ tenantId: scope.tenantId }, { projection: { _id: 1, title: 1 } }).toArray();
        const sessionIds = titled.filter((session) => String(session.title ?? '').toLowerCase().includes(needle)).map((session) => String(session._id));
        const attendees = new Set<string>();
        for (let start = 0; start < sessionIds.length; start += SESSIONS_PER_QUERY) {
          const found = await registrations
            .find(
              { tenantId: scope.tenantId, sessionId: { $in: sessionIds.slice(start, start + SESSIONS_PER_QUERY) }, status: { $in: ATTENDING } },
              { projection: { _id: 0, userId: 1 } },
            )
            .toArray();
          for (const registration of found) attendees.add(String(registration.userId));
        }
        return [...attendees];
      }),
  };
}
