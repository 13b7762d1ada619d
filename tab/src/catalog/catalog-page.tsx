import { Button, Text } from '@fluentui/react-components';
import type { ApiClient } from '../api-client.js';
import { ErrorBar } from '../shared/error-bar.js';
import { Loading } from '../shared/loading.js';
import { SessionCard } from '../shared/session-card.js';
import { SessionGrid } from '../shared/session-grid.js';
import { RegisterButton } from './register-button.js';
import { registerAction } from './registration-state.js';
import { describeRegistration } from './registration-words.js';
import { useCatalog } from './use-catalog.js';
import { useDeclineComments } from './use-decline-comments.js';

/** Upcoming sessions, each with its Register button. */
export function CatalogPage({ api }: { api: ApiClient }) {
  const { catalog, loadMore, loadingMore, moreError, register, actions } = useCatalog(api);
  const declineComments = useDeclineComments(api, [...(catalog.data?.registrations.values() ?? [])]);
  if (catalog.error)
    return (
      <ErrorBar title="The catalog could not be loaded" error={catalog.error} onRetry={catalog.reload} />
    );
  if (!catalog.data) return <Loading label="Loading sessions…" />;
  const { sessions, nextCursor, registrations } = catalog.data;
  if (sessions.length === 0)
    return <Text>No sessions are scheduled yet. Organizers can add one under Organize.</Text>;
  const now = new Date();
  return (
    <>
      <SessionGrid label="Sessions">
        {sessions.map((session) => {
          const registration = registrations.get(session.id);
          return (
            <li key={session.id}>
              <SessionCard session={session}>
                <RegisterButton
                  action={registerAction(session, registration, now)}
                  words={
                    registration
                      ? describeRegistration(registration, session, now, {
                          declineComment: declineComments.get(registration.id),
                        })
                      : null
                  }
                  progress={actions.get(session.id)}
                  sessionTitle={session.title}
                  onRegister={() => void register(session.id)}
                />
              </SessionCard>
            </li>
          );
        })}
      </SessionGrid>
      {moreError && <ErrorBar error={moreError} />}
      {nextCursor && (
        <Button
          disabled={loadingMore}
          onClick={() => void loadMore(nextCursor)}
          style={{ alignSelf: 'center' }}
        >
          {loadingMore ? 'Loading…' : 'Show more sessions'}
        </Button>
      )}
    </>
  );
}
