import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, useState } from 'react';
import type { Boot } from './auth/bootstrap.js';
import { themeFor } from './host/theme.js';
import { CampusApp } from './shell/campus-app.js';
import { Loading } from './shared/loading.js';

const useStyles = makeStyles({
  page: {
    paddingInline: `clamp(${tokens.spacingHorizontalM}, 4vw, ${tokens.spacingHorizontalXXXL})`,
    paddingBottom: tokens.spacingVerticalXXL,
    display: 'flex',
    flexDirection: 'column',
  },
});

/** The theme (the host's, or the web theme in a browser) around everything else. */
export function App({ boot }: { boot: Promise<Boot> }) {
  const styles = useStyles();
  const [hostTheme, setHostTheme] = useState<string | null>(null);
  return (
    // Layout lives on an inner element: Fluent copies the provider's classes onto popup portals.
    <FluentProvider theme={themeFor(hostTheme)}>
      <div className={styles.page}>
        <Suspense fallback={<Loading label="Starting Campus…" />}>
          <CampusApp boot={boot} onThemeChange={setHostTheme} />
        </Suspense>
      </div>
    </FluentProvider>
  );
}
