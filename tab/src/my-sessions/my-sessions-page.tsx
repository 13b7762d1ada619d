import { Badge, Caption1, Text } from '@fluentui/react-components';
import type { ApiClient } from '../api-client.js';
import type { RegistrationView } from '../api-types.js';
import { ErrorBar } from '../shared/error-bar.js';
import { Loading } from '../shared/loading.js';
import { SessionCard } from '../shared/session-card.js';
import { SessionGrid } from '../shared/session-grid.js';
import { useAsync } from '../shared/use-async.js';
import { JoinLink } from './join-link.js';

const statusBadges: Record<
  RegistrationView['status'],
  { text: string; color: 'warning' | 'success' | 'danger' }
> = {
  requested: { text: 'Awaiting approval', color: 'warning' },
  confirmed: { text: 'Confirmed', color: 'success' },
  cancelled: { text: 'Cancelled', color: 'danger' },
};

/** The sessions the viewer registered for, soonest first, with their status and the meeting link. */
export function MySessionsPage({
  api,
  openLink,
}: {
  api: ApiClient;
  openLink: ((url: string) => Promise<void>) | null;
}) {
  const mine = useAsync(() => api.listMySessions(), [api]);
  if (mine.error)
    return <ErrorBar title="Your sessions could not be loaded" error={mine.error} onRetry={mine.reload} />;
  if (!mine.data) return <Loading label="Loading your sessions…" />;
  if (mine.data.sessions.length === 0) {
    return <Text>You have not registered for any sessions yet. Find one in the Catalog.</Text>;
  }
  const items = [...mine.data.sessions].sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt));
  return (
    <SessionGrid label="My sessions">
      {items.map(({ session, registration }) => {
        const badge = statusBadges[registration.status];
        const active = registration.status !== 'cancelled' && session.status !== 'cancelled';
        return (
          <li key={registration.id}>
            <SessionCard session={session}>
              <Badge appearance="filled" color={badge.color}>
                {registration.status === 'confirmed' && registration.seat !== null
                  ? `${badge.text} · seat ${registration.seat}`
                  : badge.text}
              </Badge>
              {active && (
                <Caption1>
                  {registration.invite === 'sent' ? 'In your calendar' : 'Calendar invite on its way'}
                </Caption1>
              )}
              {active && session.joinUrl && <JoinLink url={session.joinUrl} openLink={openLink} />}
            </SessionCard>
          </li>
        );
      })}
    </SessionGrid>
  );
}
