import { describe, expect, it } from 'vitest';
import type { Notification } from '../../domain/registrations/notifier.js';
import { createNotificationStore } from './notification-store.js';
import { useTestDatabase } from './test-support.js';

const store = useTestDatabase('notifications');

function notification(id: string, tenantId: string, userId: string, minute: number): Notification {
  return {
    id,
    tenantId,
    userId,
    kind: 'promoted',
    sessionId: 's-1',
    registrationId: 'r-1',
    sessionTitle: 'Power BI basics',
    message: 'A seat freed up',
    createdAt: new Date(Date.UTC(2030, 0, 1, 9, minute)),
  };
}

describe('notification store', () => {
  it('stores a repeated notification once and lists a user\'s newest first, within the tenant', async () => {
    const notifications = createNotificationStore(store.db());
    await notifications.insert(notification('n-1', 'tenant-n', 'u-1', 1));
    await notifications.insert(notification('n-1', 'tenant-n', 'u-1', 5));
    await notifications.insert(notification('n-2', 'tenant-n', 'u-1', 2));
    await notifications.insert(notification('n-3', 'tenant-n', 'u-2', 3));
    await notifications.insert(notification('n-4', 'tenant-other', 'u-1', 4));
    expect(await notifications.listByUser({ tenantId: 'tenant-n' }, 'u-1', 10)).toEqual([notification('n-2', 'tenant-n', 'u-1', 2), notification('n-1', 'tenant-n', 'u-1', 1)]);
    expect(await notifications.listByUser({ tenantId: 'tenant-n' }, 'u-1', 1)).toHaveLength(1);
  });
});
