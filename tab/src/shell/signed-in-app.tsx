import { makeStyles, Tab, TabList, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api-client.js';
import { AudiencesPage } from '../audiences/audiences-page.js';
import { CatalogPage } from '../catalog/catalog-page.js';
import { MySessionsPage } from '../my-sessions/my-sessions-page.js';
import { OrganizePage } from '../organize/organize-page.js';
import { ErrorBar } from '../shared/error-bar.js';
import { Loading } from '../shared/loading.js';
import { useAsync } from '../shared/use-async.js';
import { AppHeader } from './app-header.js';

type Page = 'catalog' | 'my-sessions' | 'organize' | 'audiences';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    paddingBlock: tokens.spacingVerticalL,
  },
});

/** The signed-in tab: header, the page tabs (Organize and Audiences only for organizers) and the chosen page. */
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
  const [page, setPage] = useState<Page>('catalog');
  const isOrganizer = me.data?.roles.includes('organizer') ?? false;
  return (
    <>
      <AppHeader displayName={me.data?.displayName ?? null} onSignOut={onSignOut} />
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
          </main>
        </>
      )}
    </>
  );
}
