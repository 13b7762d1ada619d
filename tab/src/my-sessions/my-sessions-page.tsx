import { Badge, Caption1, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api-client.js';
import { describeRegistration } from '../catalog/registration-words.js';
import { useDeclineComments } from '../catalog/use-decline-comments.js';
import { ErrorBar } from '../shared/error-bar.js';
import { Loading } from '../shared/loading.js';
import { SessionCard } from '../shared/session-card.js';
import { SessionGrid } from '../shared/session-grid.js';
import { useAsync } from '../shared/use-async.js';
import { CancelRegistrationButton } from './cancel-registration-button.js';
import { JoinLink } from './join-link.js';

/** The sessions the viewer registered for, soonest first: what happened to each, cancel, and the meeting link. */
export function MySessionsPage({
  api,
  openLink,
}: {
  api: ApiClient;
  openLink: ((url: string) => Promise<void>) | null;
}) {
  const mine = useAsync(() => api.listMySessions(), [api]);
  const declineComments = useDeclineComments(api, mine.data?.sessions.map((item) => item.registration) ?? []);
  const [outcome, setOutcome] = useState<{ cancelled: string } | { failed: Error } | null>(null);

  if (mine.error)
    return <ErrorBar title="Your sessions could not be loaded" error={mine.error} onRetry={mine.reload} />;
  if (!mine.data) return <Loading label="Loading your sessions…" />;

  const cancel = async (sessionId: string, title: string) => {
    setOutcome(null);
    try {
      await api.cancelMyRegistration(sessionId);
      setOutcome({ cancelled: title });
    } catch (error) {
      setOutcome({ failed: error as Error });
    }
    mine.reload();
  };

  const now = new Date();
  const items = [...mine.data.sessions].sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt));
  return (
    <>
      {outcome && 'failed' in outcome && (
        <ErrorBar title="Your registration was not cancelled" error={outcome.failed} />
      )}
      {outcome && 'cancelled' in outcome && (
        <MessageBar intent="success">
          <MessageBarBody>Your registration for “{outcome.cancelled}” is cancelled.</MessageBarBody>
        </MessageBar>
      )}
      {items.length === 0 ? (
        <Text>You have not registered for any sessions yet. Find one in the Catalog.</Text>
      ) : (
        <SessionGrid label="My sessions">
          {items.map(({ session, registration }) => {
            const words = describeRegistration(registration, session, now, {
              declineComment: declineComments.get(registration.id),
            });
            const joinable = registration.status === 'confirmed' && session.status === 'scheduled';
            return (
              <li key={registration.id}>
                <SessionCard session={session}>
                  <Badge appearance="filled" color={words.badge.color}>
                    {words.badge.text}
                  </Badge>
                  <Caption1>{words.detail}</Caption1>
                  {joinable && session.joinUrl && <JoinLink url={session.joinUrl} openLink={openLink} />}
                  {words.canCancel && (
                    <CancelRegistrationButton
                      sessionTitle={session.title}
                      onCancel={() => cancel(session.id, session.title)}
                    />
                  )}
                </SessionCard>
              </li>
            );
          })}
        </SessionGrid>
      )}
    </>
  );
}
