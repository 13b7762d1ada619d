import { Type, type Static } from 'typebox';
import type { Registration } from '../../../domain/registrations/registration.js';

export const RegistrationView = Type.Object(
  {
    id: Type.String(),
    sessionId: Type.String(),
    status: Type.Union([Type.Literal('requested'), Type.Literal('confirmed'), Type.Literal('cancelled')]),
    seat: Type.Union([Type.Integer(), Type.Null()]),
    invite: Type.Union([Type.Literal('pending'), Type.Literal('sent')]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'RegistrationView' },
);
export type RegistrationView = Static<typeof RegistrationView>;

export function toRegistrationView(registration: Registration): RegistrationView {
  return {
    id: registration.id,
    sessionId: registration.sessionId,
    status: registration.status,
    seat: registration.seat,
    invite: registration.invite,
    createdAt: registration.createdAt.toISOString(),
  };
}
