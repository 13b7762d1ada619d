import { Button, Text } from '@fluentui/react-components';
import type { ApiClient } from '../api-client.js';
import { ErrorBar } from '../shared/error-bar.js';
import { Loading } from '../shared/loading.js';
import { SessionCard } from '../shared/session-card.js';
import { SessionGrid } from '../shared/session-grid.js';
import { RegisterButton } from './register-button.js';
import { registrationState } from './registration-state.js';
import { useCatalog } from './use-catalog.js';

/** Upcoming sessions, each with its Register button. */
export function CatalogPage({ api }: { api: ApiClient }) {
  const { catalog, loadMore, loadingMore, moreError, register, actions } = useCatalog(api);
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
        {sessions.map((session) => (
          <li key={session.id}>
            <SessionCard session={session}>
              <RegisterButton
                state={registrationState(session, registrations.get(session.id), now)}
                action={actions.get(session.id)}
                sessionTitle={session.title}
                onRegister={() => void register(session.id)}
              />
            </SessionCard>
          </li>
        ))}
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
