import { Type, type Static } from 'typebox';
import { registrationStatuses } from '../../../domain/registrations/registration-states.js';
import type { ChangedBy, Registration, RegistrationChange } from '../../../domain/registrations/registration.js';
import { RegistrationApprovalView } from '../approvals/registration-approval.js';
import { UUID } from '../sessions/schemas.js';

const RegistrationStatus = Type.Enum(registrationStatuses);

const ChangedByView = Type.Object({
  userId: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([Type.Literal('employee'), Type.Literal('organizer'), Type.Literal('supervisor'), Type.Literal('system')]),
});

export const RegistrationView = Type.Object(
  {
    id: Type.String(),
    sessionId: Type.String(),
    status: RegistrationStatus,
    seat: Type.Union([Type.Integer(), Type.Null()]),
    waitlistPosition: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'Place on the waitlist (1 = next) while waitlisted' }),
    invite: Type.Union([Type.Literal('pending'), Type.Literal('sent')]),
    closedBy: Type.Union([ChangedByView, Type.Null()], { description: 'Who cancelled or declined it' }),
    approval: Type.Optional(RegistrationApprovalView),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'RegistrationView' },
);
export type RegistrationView = Static<typeof RegistrationView>;

function toChangedByView(by: ChangedBy): Static<typeof ChangedByView> {
  return { userId: by.userId, role: by.role };
}

export function toRegistrationView(registration: Registration, position: number | null = null): RegistrationView {
  return {
    id: registration.id,
    sessionId: registration.sessionId,
    status: registration.status,
    seat: registration.seat,
    waitlistPosition: registration.status === 'waitlisted' ? position : null,
    invite: registration.invite,
    closedBy: registration.closedBy ? toChangedByView(registration.closedBy) : null,
    createdAt: registration.createdAt.toISOString(),
    updatedAt: registration.updatedAt.toISOString(),
  };
}

export const RegistrationIdParams = Type.Object({ registrationId: Type.String({ pattern: UUID }) }, { additionalProperties: false });

export const CancelRegistrationBody = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' })) },
  { additionalProperties: false },
);

export const AttendanceBody = Type.Object({ userId: Type.String({ pattern: UUID }), attended: Type.Boolean() }, { additionalProperties: false });

const AttendeeView = Type.Object({
  ...RegistrationView.properties,
  userId: Type.String(),
  displayName: Type.String(),
  mail: Type.String(),
  arrival: Type.Object(
    { at: Type.String({ format: 'date-time' }), seq: Type.Integer() },
    { description: 'When the current request reached the server; the waitlist is served in this order (then by id)' },
  ),
  historyUrl: Type.String(),
});

export const SessionRegistrationsView = Type.Object({ registrations: Type.Array(AttendeeView) });

export function toAttendeeView(registration: Registration, position: number | null): Static<typeof AttendeeView> {
  return {
    ...toRegistrationView(registration, position),
    userId: registration.userId,
    displayName: registration.displayName,
    mail: registration.mail,
    arrival: { at: registration.arrival.at.toISOString(), seq: registration.arrival.seq },
    historyUrl: `/api/registrations/${registration.id}/history`,
  };
}

const ChangeView = Type.Object({
  version: Type.Integer(),
  from: Type.Union([RegistrationStatus, Type.Null()]),
  to: RegistrationStatus,
  at: Type.String({ format: 'date-time' }),
  by: ChangedByView,
  reason: Type.Union([Type.String(), Type.Null()]),
});

export const RegistrationHistoryView = Type.Object({ registration: Type.Ref('RegistrationView'), changes: Type.Array(ChangeView) });

export function toChangeView(change: RegistrationChange): Static<typeof ChangeView> {
  return { version: change.version, from: change.from, to: change.to, at: change.at.toISOString(), by: toChangedByView(change.by), reason: change.reason };
}
