import { createError } from '../../errors.js';
import type { ApprovalDeps } from './approval-deps.js';
import {
  checkSettingsInput,
  emptySettings,
  type ApprovalSettings,
  type ApprovalSettingsInput,
} from './approval-settings.js';
import type { ApprovalActor } from './decide-approval-request.js';

/** The actor's delegation and standing rules (none until they set some). */
export async function getApprovalSettings(
  deps: Pick<ApprovalDeps, 'settings' | 'clock'>,
  actor: ApprovalActor,
): Promise<ApprovalSettings> {
  return (
    (await deps.settings.find(actor, actor.userId)) ?? emptySettings(actor, actor.userId, deps.clock.now())
  );
}

/**
 * Replaces the actor's delegation and standing rules. The delegate must be an active person of the directory;
 * rules keep their ids when their limit is unchanged, so a decision made by a rule still names it.
 */
export async function updateApprovalSettings(
  deps: Pick<ApprovalDeps, 'settings' | 'clock' | 'ids' | 'directory'>,
  actor: ApprovalActor,
  input: ApprovalSettingsInput,
): Promise<ApprovalSettings> {
  const now = deps.clock.now();
  checkSettingsInput(input, actor.userId, now);
  const current = await getApprovalSettings(deps, actor);
  let delegation: ApprovalSettings['delegation'] = null;
  if (input.delegate) {
    const delegate = await deps.directory.findPerson(actor, input.delegate.userId);
    if (!delegate) {
      throw createError(
        'CAMPUS_ERR_UNKNOWN_DELEGATE',
        `nobody active in the directory has the id '${input.delegate.userId}'`,
        {
          details: { location: 'body', field: '/delegate/userId' },
        },
      );
    }
    delegation = { delegate, until: input.delegate.until };
  }
  const limits = [...new Set(input.rules.map((rule) => rule.maxHours))];
  const rules = limits.map(
    (maxHours) =>
      current.rules.find((rule) => rule.maxHours === maxHours) ?? {
        id: deps.ids.newId(),
        maxHours,
        createdAt: now,
      },
  );
  const settings: ApprovalSettings = {
    tenantId: actor.tenantId,
    userId: actor.userId,
    delegation,
    rules,
    updatedAt: now,
  };
  await deps.settings.save(settings);
  return settings;
}
