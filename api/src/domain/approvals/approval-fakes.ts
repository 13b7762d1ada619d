import type { Registration } from '../registrations/registration.js';
import type { Session } from '../sessions/session.js';
import type { ApprovalPerson, BusyPeriod } from './approval.js';
import type { ApprovalDeps } from './approval-deps.js';
import type { DecisionRecipient } from './approval-ports.js';
import { createApprovalSigner } from './approval-signature.js';
import { createApprovals } from './create-approvals.js';
import { createInMemoryApprovalStores } from './in-memory-approval-stores.js';

/** Fakes of the approval ports for domain tests: a small directory, recorded messages, a clock the test moves. */
export const TENANT = { tenantId: 'tenant-1' };
export const people = {
  adele: { id: 'adele', displayName: 'Adele Vance', mail: 'adele@contoso.test' },
  megan: { id: 'megan', displayName: 'Megan Bowen', mail: 'megan@contoso.test' },
  alex: { id: 'alex', displayName: 'Alex Wilber', mail: 'alex@contoso.test' },
  patti: { id: 'patti', displayName: 'Patti Fernandez', mail: 'patti@contoso.test' },
  ceo: { id: 'ceo', displayName: 'Chris Chief', mail: 'ceo@contoso.test' },
} satisfies Record<string, ApprovalPerson>;

export const SIGNING_KEY = 'test-signing-key-that-is-long-enough-0123456789';

export function createApprovalHarness(options: { now: Date; expiryLeadMs?: number }) {
  let now = options.now;
  let nextId = 0;
  const stores = createInMemoryApprovalStores();
  const managers = new Map<string, string>([
    ['adele', 'megan'],
    ['alex', 'megan'],
    ['megan', 'ceo'],
  ]);
  const zones = new Map<string, string>([
    ['megan', 'America/Los_Angeles'],
    ['adele', 'America/Los_Angeles'],
    ['alex', 'Europe/London'],
  ]);
  const busy = new Map<string, BusyPeriod[]>();
  const graph = { failing: false, calendarFailing: false };
  const asked: DecisionRecipient[] = [];
  const told: Array<{ approvalId: string; outcome: string; employee: string }> = [];
  const applied: Array<{
    registrationId: string;
    action: string;
    deciderId?: string;
    comment?: string | null;
  }> = [];
  const awaiting = new Map<string, number>();
  const warnings: string[] = [];
  const registrationFailure: { error: Error | null } = { error: null };
  /** Registrations waiting for approval that the lifecycle never asked about (a crash in between). */
  const forgotten: Array<{ registration: Registration; session: Session }> = [];
  const lookup = (id: string) => Object.values(people).find((person) => person.id === id) ?? null;

  const deps: ApprovalDeps = {
    ...stores,
    directory: {
      async findManager(_scope, userId) {
        if (graph.failing) throw new Error('Graph is down (test)');
        const managerId = managers.get(userId);
        return managerId ? lookup(managerId) : null;
      },
      async findPerson(_scope, userId) {
        if (graph.failing) throw new Error('Graph is down (test)');
        return lookup(userId);
      },
      async findMailbox(_scope, userId) {
        return { timeZone: zones.get(userId) ?? null, locale: userId === 'alex' ? 'en-GB' : null };
      },
      async findBusyPeriods(_scope, person, start, end) {
        if (graph.calendarFailing) throw new Error('calendar unavailable (test)');
        return (busy.get(person.id) ?? []).filter((period) => period.start < end && period.end > start);
      },
    },
    messenger: {
      async askToDecide(_scope, _request, recipient) {
        asked.push(recipient);
      },
      async tellEmployee(_scope, request, decision) {
        told.push({ approvalId: request.id, outcome: decision.outcome, employee: request.employee.id });
      },
    },
    registrationDecisions: {
      async decide(_scope, registrationId, decision, deciderId, comment) {
        if (registrationFailure.error) throw registrationFailure.error;
        applied.push({ registrationId, action: decision, deciderId, comment });
        awaiting.delete(registrationId);
      },
      async expire(_scope, registrationId) {
        applied.push({ registrationId, action: 'expire' });
        awaiting.delete(registrationId);
      },
      async listAwaiting(before) {
        return forgotten.filter(
          ({ registration }) =>
            registration.updatedAt < before && awaiting.get(registration.id) === registration.version,
        );
      },
      async isAwaiting(_scope, registrationId, round) {
        return awaiting.get(registrationId) === round;
      },
    },
    signer: createApprovalSigner(SIGNING_KEY),
    clock: { now: () => now },
    ids: { newId: () => `id-${++nextId}` },
    logger: { warn: (_details, message) => void warnings.push(message) },
    expiryLeadMs: options.expiryLeadMs ?? 3_600_000,
  };
  const approvals = createApprovals(deps);

  return {
    deps,
    approvals,
    stores,
    managers,
    zones,
    busy,
    graph,
    asked,
    told,
    applied,
    warnings,
    registrationFailure,
    /** A registration left pendingApproval without a request, as a crash between the two leaves it. */
    forget(employee: ApprovalPerson, session: Session, version = 2) {
      const registration = { ...registrationOf(employee, session, version), updatedAt: now };
      awaiting.set(registration.id, version);
      forgotten.push({ registration, session });
      return registration;
    },
    setNow(at: Date) {
      now = at;
    },
    /** Asks approval for a registration of `employee`, as the registration lifecycle does. */
    async request(employee: ApprovalPerson, session: Session, version = 2) {
      const registration = registrationOf(employee, session, version);
      awaiting.set(registration.id, version);
      await approvals.requests.requestApproval(TENANT, registration, session);
      return (await stores.approvals.findByRegistration(TENANT, registration.id, version))!;
    },
  };
}

export function sessionAt(startsAt: Date, minutes: number, overrides: Partial<Session> = {}): Session {
  const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
  return {
    id: overrides.id ?? 'session-1',
    tenantId: TENANT.tenantId,
    title: 'Power BI for marketers',
    abstract: 'Dashboards from campaign data.',
    presenter: { id: 'nestor', displayName: 'Nestor Wilke', mail: 'nestor@contoso.test' },
    organizerId: 'patti',
    start: { dateTime: startsAt.toISOString().slice(0, 19), timeZone: 'UTC' },
    end: { dateTime: endsAt.toISOString().slice(0, 19), timeZone: 'UTC' },
    startsAt,
    endsAt,
    capacity: 10,
    online: true,
    location: null,
    status: 'scheduled',
    approval: 'supervisor',
    cancellation: null,
    calendar: { ownerId: 'nestor', transactionId: 't', eventId: 'e', joinUrl: null },
    createdAt: startsAt,
    updatedAt: startsAt,
    ...overrides,
  };
}

export function registrationOf(employee: ApprovalPerson, session: Session, version: number): Registration {
  return {
    id: `registration-${employee.id}-${session.id}`,
    tenantId: TENANT.tenantId,
    sessionId: session.id,
    userId: employee.id,
    displayName: employee.displayName,
    mail: employee.mail,
    status: 'pendingApproval',
    seat: 1,
    invite: 'pending',
    arrival: { at: session.createdAt, seq: 1 },
    closedBy: null,
    version,
    createdAt: session.createdAt,
    updatedAt: session.createdAt,
  };
}
