import { Type, type Static } from 'typebox';
import type { SessionWithSeats } from '../../../domain/sessions/list-sessions.js';

const LOCAL_DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?$';
export const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const ZonedDateTime = Type.Object(
  {
    dateTime: Type.String({ pattern: LOCAL_DATE_TIME, description: 'Local wall-clock time, e.g. 2026-12-01T15:00:00' }),
    timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Paris' }),
  },
  { additionalProperties: false },
);

const ApprovalPolicy = Type.Union([Type.Literal('none'), Type.Literal('supervisor')], {
  description: "'supervisor': each registration waits for the employee's supervisor to approve it",
});

export const SessionIdParams = Type.Object({ sessionId: Type.String({ pattern: UUID }) }, { additionalProperties: false });

export const CreateSessionBody = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: 200, pattern: '\\S' }),
    abstract: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S' }),
    presenterId: Type.String({ pattern: UUID }),
    start: ZonedDateTime,
    end: ZonedDateTime,
    capacity: Type.Integer({ minimum: 1, maximum: 10_000 }),
    online: Type.Boolean(),
    location: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    approval: Type.Optional(ApprovalPolicy),
  },
  { additionalProperties: false },
);
export type CreateSessionBody = Static<typeof CreateSessionBody>;

export const UpdateSessionBody = Type.Object(
  {
    title: Type.Optional(CreateSessionBody.properties.title),
    abstract: Type.Optional(CreateSessionBody.properties.abstract),
    start: Type.Optional(ZonedDateTime),
    end: Type.Optional(ZonedDateTime),
    capacity: Type.Optional(CreateSessionBody.properties.capacity),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const CancelSessionBody = Type.Object(
  { message: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S', description: 'Sent with the Outlook cancellation and shown to registrants' }) },
  { additionalProperties: false },
);

export const ListSessionsQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })),
  },
  { additionalProperties: false },
);

export const SessionView = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    abstract: Type.String(),
    presenter: Type.Object({ id: Type.String(), displayName: Type.String(), mail: Type.String() }),
    start: ZonedDateTime,
    end: ZonedDateTime,
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    capacity: Type.Integer(),
    seatsTaken: Type.Integer(),
    seatsLeft: Type.Integer(),
    online: Type.Boolean(),
    location: Type.Union([Type.String(), Type.Null()]),
    status: Type.Union([Type.Literal('scheduled'), Type.Literal('cancelled')]),
    approval: ApprovalPolicy,
    cancellation: Type.Union([Type.Object({ at: Type.String({ format: 'date-time' }), message: Type.String() }), Type.Null()]),
    joinUrl: Type.Union([Type.String(), Type.Null()]),
    calendarEventBooked: Type.Boolean({ description: 'Whether the Outlook event exists in the presenter\'s calendar yet' }),
  },
  { $id: 'SessionView' },
);
export type SessionView = Static<typeof SessionView>;

export const SessionPageView = Type.Object({
  sessions: Type.Array(Type.Ref('SessionView')),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export function toSessionView({ session, seatsTaken }: SessionWithSeats): SessionView {
  return {
    id: session.id,
    title: session.title,
    abstract: session.abstract,
    presenter: session.presenter,
    start: session.start,
    end: session.end,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    capacity: session.capacity,
    seatsTaken,
    seatsLeft: Math.max(0, session.capacity - seatsTaken),
    online: session.online,
    location: session.location,
    status: session.status,
    approval: session.approval,
    cancellation: session.cancellation ? { at: session.cancellation.at.toISOString(), message: session.cancellation.message } : null,
    joinUrl: session.calendar.joinUrl,
    calendarEventBooked: session.calendar.eventId !== null,
  };
}
