import type { Db } from 'mongodb';
import type { Notification, NotificationStore } from '../../domain/registrations/notifier.js';
import { collectionNames } from './collections.js';
import { tryInsert, withStore } from './store-errors.js';
import { inTenant } from './tenant-filter.js';

/** A notification for one person; `_id` is the notification id, so a repeated notification is stored once. */
export interface NotificationDocument extends Omit<Notification, 'id'> {
  _id: string;
}

/** Notifications on MongoDB/FerretDB, for GET /api/me/notifications. */
export function createNotificationStore(db: Db): NotificationStore {
  const notifications = db.collection<NotificationDocument>(collectionNames.notifications);
  return {
    insert: ({ id, ...rest }) =>
      withStore(async () => {
        await tryInsert(notifications, { _id: id, ...rest });
      }),

    listByUser: (scope, userId, limit) =>
      withStore(async () => {
        const documents = await notifications
          .find(inTenant<NotificationDocument>(scope, { userId }))
          .sort({ createdAt: -1, _id: -1 })
          .limit(limit)
          .toArray();
        return documents.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
      }),
  };
}
