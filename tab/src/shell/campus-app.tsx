import { use, useEffect, useMemo, useState } from 'react';
import { ApiError, clientErrorCodes, createApiClient, signedOutMessage } from '../api-client.js';
import { browserTokens, type Boot } from '../auth/bootstrap.js';
import { SignInPage } from '../auth/sign-in-page.js';
import { getHostToken, onHostThemeChange, openHostLink } from '../host/host.js';
import { ErrorBar } from '../shared/error-bar.js';
import { rememberRequestedView } from './requested-view.js';
import { SignedInApp } from './signed-in-app.js';

/** Waits for start-up, then shows the sign-in page or the signed-in tab; a 401 in the browser signs out. */
export function CampusApp({
  boot,
  onThemeChange,
}: {
  boot: Promise<Boot>;
  onThemeChange: (theme: string) => void;
}) {
  const { host, config, error } = use(boot);
  const inHost = host.kind === 'm365';
  const [signedIn, setSignedIn] = useState(() => inHost || browserTokens.load() !== null);
  const [notice, setNotice] = useState(error);

  useEffect(() => {
    if (host.kind !== 'm365') return;
    onThemeChange(host.theme);
    void onHostThemeChange(onThemeChange);
  }, [host, onThemeChange]);

  useEffect(() => {
    if (!signedIn) rememberRequestedView(new URL(window.location.href), sessionStorage);
  }, [signedIn]);

  const api = useMemo(
    () =>
      createApiClient(
        inHost
          ? { getToken: getHostToken }
          : {
              getToken: async () => {
                const token = browserTokens.load();
                if (!token) throw new ApiError(401, clientErrorCodes.signedOut, signedOutMessage);
                return token;
              },
              // The API's own 401 text names protocol details; the sign-in page says what to do instead.
              onUnauthorized: () => {
                browserTokens.clear();
                setNotice(signedOutMessage);
                setSignedIn(false);
              },
            },
      ),
    [inHost],
  );

  if (signedIn) {
    const signOut = () => {
      browserTokens.clear();
      setNotice(null);
      setSignedIn(false);
    };
    return (
      <SignedInApp api={api} onSignOut={inHost ? null : signOut} openLink={inHost ? openHostLink : null} />
    );
  }
  if (config) return <SignInPage config={config} message={notice} />;
  return (
    <ErrorBar
      title="Campus could not start"
      error={notice ?? 'Campus could not be reached.'}
      onRetry={() => window.location.reload()}
    />
  );
}
