import { Button, Divider, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ApiClient } from '../api-client.js';
import type { Me } from '../api-types.js';
import { ErrorBar } from '../shared/error-bar.js';
import { Loading } from '../shared/loading.js';
import { SessionGrid } from '../shared/session-grid.js';
import { ApprovalRequestCard } from './approval-request-card.js';
import { ApprovalSettingsPanel } from './approval-settings-panel.js';
import { delegationText } from './approval-words.js';
import { useApprovals } from './use-approvals.js';

const formatDay = (instant: Date) =>
  instant.toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric' });

const useStyles = makeStyles({
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

/**
 * What approval mails link to (`/?view=approvals`): requests waiting for the viewer as supervisor or delegate, the
 * ones decided (newest first, a page at a time), and (for supervisors) their delegate and standing rules.
 */
export function ApprovalsPage({
  api,
  isSupervisor,
  approvesFor,
}: {
  api: ApiClient;
  isSupervisor: boolean;
  approvesFor: Me['approvesFor'];
}) {
  const styles = useStyles();
  const { pending, decided, history, progress, decide } = useApprovals(api);
  const waiting = pending.data?.approvals ?? [];
  const delegation = delegationText(approvesFor, formatDay);
  return (
    <>
      <h2 className={styles.heading}>Approval requests</h2>
      {delegation && <Text>{delegation}</Text>}
      {pending.error && (
        <ErrorBar
          title="Your approval requests could not be loaded"
          error={pending.error}
          onRetry={pending.reload}
        />
      )}
      {!pending.data && !pending.error && <Loading label="Loading approval requests…" />}
      {pending.data && waiting.length === 0 && <Text>Nothing is waiting for your approval.</Text>}
      {waiting.length > 0 && (
        <SessionGrid label="Waiting for your decision">
          {waiting.map((approval) => (
            <li key={approval.id}>
              <ApprovalRequestCard
                approval={approval}
                progress={progress.get(approval.id)}
                onDecide={(decision, comment) => void decide(approval.id, decision, comment)}
              />
            </li>
          ))}
        </SessionGrid>
      )}
      {decided.length > 0 && (
        <>
          <h3 className={styles.subheading}>Decided</h3>
          <SessionGrid label="Decided requests">
            {decided.map((approval) => (
              <li key={approval.id}>
                <ApprovalRequestCard
                  approval={approval}
                  progress={progress.get(approval.id)}
                  onDecide={null}
                />
              </li>
            ))}
          </SessionGrid>
        </>
      )}
      {history.first.error && (
        <ErrorBar
          title="Your decided requests could not be loaded"
          error={history.first.error}
          onRetry={history.first.reload}
        />
      )}
      {history.more.error && <ErrorBar error={history.more.error} />}
      {history.hasMore && (
        <Button
          disabled={history.more.running}
          onClick={() => void history.loadMore()}
          style={{ alignSelf: 'center' }}
        >
          {history.more.running ? 'Loading…' : 'Show older decisions'}
        </Button>
      )}
      {isSupervisor && (
        <>
          <Divider />
          <ApprovalSettingsPanel api={api} />
        </>
      )}
    </>
  );
}
