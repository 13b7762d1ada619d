import type { Activity } from 'botbuilder';
import type { BotActor } from './ports.js';

/**
 * The Entra identity of whoever sent the activity, or null when the channel did not give one (a guest, a consumer
 * Microsoft account, or a test client): Campus then has no tenant or person to act for.
 */
export function resolveActor(activity: Activity): BotActor | null {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const tenantId = activity.conversation?.tenantId ?? channelData?.tenant?.id;
  const userId = activity.from?.aadObjectId;
  if (typeof tenantId !== 'string' || tenantId === '' || typeof userId !== 'string' || userId === '')
    return null;
  return { tenantId, userId, displayName: activity.from.name ?? '' };
}
