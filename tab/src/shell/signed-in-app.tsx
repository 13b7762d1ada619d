import { makeStyles, Tab, TabList, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api-client.js';
import { ApprovalsPage } from '../approvals/approvals-page.js';
import { AudiencesPage } from '../audiences/audiences-page.js';
import { CatalogPage } from '../catalog/catalog-page.js';
import { MySessionsPage } from '../my-sessions/my-sessions-page.js';
import { NotificationsButton } from '../notifications/notifications-button.js';
import { OrganizePage } from '../organize/organize-page.js';
import { ErrorBar } from '../shared/error-bar.js';
import { Loading } from '../shared/loading.js';
import { useAsync } from '../shared/use-async.js';
import { AppHeader } from './app-header.js';
import { showsApprovals } from './page-access.js';
import { takeRequestedView } from './requested-view.js';

type Page = 'catalog' | 'my-sessions' | 'organize' | 'approvals' | 'audiences';

// Read once per page load, outside React: StrictMode's double render must not use up the remembered view.
const requestedView = takeRequestedView(new URL(window.location.href), sessionStorage);

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    paddingBlock: tokens.spacingVerticalL,
  },
});

/**
 * The signed-in tab: header, the page tabs (Organize and Audiences only for organizers, Approvals for supervisors
 * and their delegates) and the chosen page.
 */
export function SignedInApp({
  api,
  onSignOut,
  openLink,
}: {
  api: ApiClient;
  onSignOut: (() => void) | null;
  openLink: ((url: string) => Promise<void>) | null;
}) {
  const styles = useStyles();
  const me = useAsync(() => api.getMe(), [api]);
  // Approval mails link to ?view=approvals; other views are reached with the tabs.
  const [page, setPage] = useState<Page>(requestedView === 'approvals' ? 'approvals' : 'catalog');
  const isOrganizer = me.data?.roles.includes('organizer') ?? false;
  const isSupervisor = me.data?.roles.includes('supervisor') ?? false;
  return (
    <>
      <AppHeader
        displayName={me.data?.displayName ?? null}
        onSignOut={onSignOut}
        actions={me.data && <NotificationsButton api={api} userId={me.data.id} />}
      />
      {me.error && (
        <ErrorBar title="Campus could not load your profile" error={me.error} onRetry={me.reload} />
      )}
      {!me.data && !me.error && <Loading label="Loading Campus…" />}
      {me.data && (
        <>
          <TabList
            selectedValue={page}
            onTabSelect={(_event, data) => setPage(data.value as Page)}
            aria-label="Campus pages"
          >
            <Tab id="tab-catalog" value="catalog">
              Catalog
            </Tab>
            <Tab id="tab-my-sessions" value="my-sessions">
              My sessions
            </Tab>
            {showsApprovals(me.data, requestedView) && (
              <Tab id="tab-approvals" value="approvals">
                Approvals
              </Tab>
            )}
            {isOrganizer && (
              <Tab id="tab-organize" value="organize">
                Organize
              </Tab>
            )}
            {isOrganizer && (
              <Tab id="tab-audiences" value="audiences">
                Audiences
              </Tab>
            )}
          </TabList>
          <main role="tabpanel" aria-labelledby={`tab-${page}`} className={styles.panel}>
            {page === 'catalog' && <CatalogPage api={api} />}
            {page === 'my-sessions' && <MySessionsPage api={api} openLink={openLink} />}
            {page === 'organize' && isOrganizer && <OrganizePage api={api} />}
            {page === 'audiences' && isOrganizer && <AudiencesPage api={api} />}
            {page === 'approvals' && (
              <ApprovalsPage api={api} isSupervisor={isSupervisor} approvesFor={me.data.approvesFor} />
            )}
          </main>
        </>
      )}
    </>
  );
}
