import { describe, expect, it } from 'vitest';
import { createAttendanceSource } from './audience-attendance.js';
import { collectionNames } from './collections.js';
import { useTestDatabase } from './test-support.js';

const store = useTestDatabase('audience_attendance');
const scope = { tenantId: 'tenant-a' };

describe('the attendance source', () => {
  it('lists people confirmed on or attending a session whose title contains the topic, in the tenant only', async () => {
    const db = store.db();
    await db.collection(collectionNames.sessions).insertMany([
      { _id: 's-1' as never, tenantId: 'tenant-a', title: 'Power BI for month-end reporting' },
      { _id: 's-2' as never, tenantId: 'tenant-a', title: 'Advanced POWER BI: DAX' },
      { _id: 's-3' as never, tenantId: 'tenant-a', title: 'SAP purchase-to-pay' },
      { _id: 's-4' as never, tenantId: 'tenant-b', title: 'Power BI basics' },
    ]);
    await db.collection(collectionNames.registrations).insertMany([
      { tenantId: 'tenant-a', sessionId: 's-1', userId: 'confirmed-user', status: 'confirmed' },
      { tenantId: 'tenant-a', sessionId: 's-2', userId: 'attended-user', status: 'attended' },
      { tenantId: 'tenant-a', sessionId: 's-2', userId: 'confirmed-user', status: 'confirmed' },
      { tenantId: 'tenant-a', sessionId: 's-1', userId: 'waitlisted-user', status: 'waitlisted' },
      { tenantId: 'tenant-a', sessionId: 's-1', userId: 'cancelled-user', status: 'cancelled' },
      { tenantId: 'tenant-a', sessionId: 's-1', userId: 'no-show-user', status: 'noShow' },
      { tenantId: 'tenant-a', sessionId: 's-3', userId: 'sap-user', status: 'confirmed' },
      { tenantId: 'tenant-b', sessionId: 's-4', userId: 'other-tenant-user', status: 'confirmed' },
    ]);
    const attendance = createAttendanceSource(db);
    expect((await attendance.listAttendeesOfTopic(scope, 'power bi')).sort()).toEqual(['attended-user', 'confirmed-user']);
    expect(await attendance.listAttendeesOfTopic(scope, 'SAP')).toEqual(['sap-user']);
    expect(await attendance.listAttendeesOfTopic(scope, 'Kubernetes')).toEqual([]);
  });
});
