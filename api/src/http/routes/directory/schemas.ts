import { Type } from 'typebox';
import type { DirectorySyncStatus } from '../../../domain/directory/sync-status.js';

const Count = Type.Integer({ minimum: 0 });
const NullableCount = Type.Union([Count, Type.Null()]);

export const RequestSyncBody = Type.Object(
  { full: Type.Optional(Type.Boolean({ description: 'Read every person again instead of the changes since the last sync.' })) },
  { additionalProperties: false },
);

export const DirectorySyncView = Type.Object(
  {
    state: Type.Union([Type.Literal('idle'), Type.Literal('full'), Type.Literal('incremental'), Type.Literal('enriching')]),
    pagesDone: Count,
    peopleSeen: Count,
    peopleTotal: NullableCount,
    percent: Type.Union([Type.Integer({ minimum: 0, maximum: 100 }), Type.Null()]),
    enrichmentPending: Count,
    lastCompletedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    lastError: Type.Union([Type.Object({ message: Type.String(), at: Type.String({ format: 'date-time' }) }), Type.Null()]),
    graphRequests: Type.Object({ delta: Count, count: Count, enrichmentBatches: Count, enrichmentRequests: Count }),
  },
);

export function toDirectorySyncView(status: DirectorySyncStatus) {
  return {
    ...status,
    lastCompletedAt: status.lastCompletedAt?.toISOString() ?? null,
    lastError: status.lastError ? { message: status.lastError.message, at: status.lastError.at.toISOString() } : null,
  };
}
