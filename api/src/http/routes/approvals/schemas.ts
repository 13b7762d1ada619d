import { Type, type Static } from 'typebox';
import type { ApprovalItem } from '../../../domain/approvals/list-approvals.js';
import {
  activeDelegate,
  MAX_RULE_HOURS,
  MAX_RULES,
  type ApprovalSettings,
} from '../../../domain/approvals/approval-settings.js';
import { UUID } from '../sessions/schemas.js';

export const ApprovalIdParams = Type.Object(
  { approvalId: Type.String({ pattern: UUID }) },
  { additionalProperties: false },
);

export const DecisionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('decline')]),
    comment: Type.Optional(
      Type.Union([Type.String({ maxLength: 500 }), Type.Null()], { description: 'Shown to the employee' }),
    ),
  },
  { additionalProperties: false },
);

const Person = Type.Object({ id: Type.String(), displayName: Type.String() });
const Instant = Type.String({ format: 'date-time' });

export const ApprovalView = Type.Object(
  {
    id: Type.String(),
    status: Type.Enum(['resolving', 'pending', 'approved', 'declined', 'expired', 'withdrawn'] as const),
    registrationId: Type.String(),
    session: Type.Object({
      id: Type.String(),
      title: Type.String(),
      startsAt: Instant,
      endsAt: Instant,
      timeZone: Type.String(),
    }),
    employee: Type.Object({ id: Type.String(), displayName: Type.String(), mail: Type.String() }),
    approver: Type.Union([Person, Type.Null()]),
    onBehalfOf: Type.Union([Person, Type.Null()], {
      description: 'The approver, when the signed-in user decides as their delegate',
    }),
    when: Type.Object(
      { text: Type.String(), timeZone: Type.String() },
      { description: "The session's time in the viewer's mailbox time zone" },
    ),
    hoursAway: Type.Number(),
    hoursAwayText: Type.String(),
    clash: Type.Object({
      state: Type.Enum(['free', 'busy', 'unknown'] as const),
      text: Type.String(),
      periods: Type.Array(Type.Object({ start: Instant, end: Instant, status: Type.String() })),
    }),
    requestedAt: Instant,
    remindAt: Type.Union([Instant, Type.Null()]),
    expiresAt: Instant,
    expiresText: Type.String(),
    decision: Type.Union([
      Type.Object({
        outcome: Type.Enum(['approved', 'declined', 'expired', 'withdrawn'] as const),
        decidedAt: Instant,
        decidedBy: Type.Object({
          userId: Type.Union([Type.String(), Type.Null()]),
          name: Type.Union([Type.String(), Type.Null()]),
          via: Type.String(),
        }),
        comment: Type.Union([Type.String(), Type.Null()]),
      }),
      Type.Null(),
    ]),
  },
  { $id: 'ApprovalView' },
);
export type ApprovalView = Static<typeof ApprovalView>;

export const ApprovalList = Type.Object({ approvals: Type.Array(Type.Ref('ApprovalView')) });

export function toApprovalView({ request, summary, onBehalfOf }: ApprovalItem): ApprovalView {
  const clash = request.clash;
  return {
    id: request.id,
    status: request.status,
    registrationId: request.registrationId,
    session: {
      id: request.session.id,
      title: request.session.title,
      startsAt: request.session.startsAt.toISOString(),
      endsAt: request.session.endsAt.toISOString(),
      timeZone: request.session.timeZone,
    },
    employee: request.employee,
    approver: request.approver && { id: request.approver.id, displayName: request.approver.displayName },
    onBehalfOf: onBehalfOf && { id: onBehalfOf.id, displayName: onBehalfOf.displayName },
    when: { text: summary.whenText, timeZone: summary.timeZone },
    hoursAway: request.hoursAway,
    hoursAwayText: summary.hoursAwayText,
    clash: {
      state: clash.state,
      text: summary.clashText,
      periods:
        clash.state === 'busy'
          ? clash.periods.map((period) => ({
              start: period.start.toISOString(),
              end: period.end.toISOString(),
              status: period.status,
            }))
          : [],
    },
    requestedAt: request.requestedAt.toISOString(),
    remindAt: request.remindAt?.toISOString() ?? null,
    expiresAt: request.expiresAt.toISOString(),
    expiresText: summary.expiresText,
    decision: request.decision && {
      outcome: request.decision.outcome,
      decidedAt: request.decision.decidedAt.toISOString(),
      decidedBy: {
        userId: request.decision.decidedBy.userId,
        name: request.decision.decidedBy.name,
        via: request.decision.decidedBy.via,
      },
      comment: request.decision.comment,
    },
  };
}

export const ApprovalSettingsBody = Type.Object(
  {
    delegate: Type.Union([
      Type.Object(
        {
          userId: Type.String({
            pattern: UUID,
            description: 'Entra object id of the person who may decide in your name',
          }),
          until: Type.Optional(
            Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
              description: 'When the delegation ends; none for no end',
            }),
          ),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    rules: Type.Array(
      Type.Object(
        {
          maxHours: Type.Number({
            exclusiveMinimum: 0,
            maximum: MAX_RULE_HOURS,
            multipleOf: 0.25,
            description: 'Approve my team at once for sessions up to this many hours',
          }),
        },
        { additionalProperties: false },
      ),
      { maxItems: MAX_RULES },
    ),
  },
  { additionalProperties: false },
);
export type ApprovalSettingsBody = Static<typeof ApprovalSettingsBody>;

export const ApprovalSettingsView = Type.Object({
  delegate: Type.Union([
    Type.Object({
      userId: Type.String(),
      displayName: Type.String(),
      mail: Type.String(),
      until: Type.Union([Instant, Type.Null()]),
      active: Type.Boolean(),
    }),
    Type.Null(),
  ]),
  rules: Type.Array(Type.Object({ id: Type.String(), maxHours: Type.Number() })),
  updatedAt: Instant,
});

export function toSettingsView(settings: ApprovalSettings, now: Date): Static<typeof ApprovalSettingsView> {
  const delegation = settings.delegation;
  return {
    delegate: delegation && {
      userId: delegation.delegate.id,
      displayName: delegation.delegate.displayName,
      mail: delegation.delegate.mail,
      until: delegation.until?.toISOString() ?? null,
      active: activeDelegate(settings, now) !== null,
    },
    rules: settings.rules.map((rule) => ({ id: rule.id, maxHours: rule.maxHours })),
    updatedAt: settings.updatedAt.toISOString(),
  };
}
