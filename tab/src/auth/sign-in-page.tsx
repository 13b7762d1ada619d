import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ClientConfig } from '../api-types.js';
import { ErrorBar } from '../shared/error-bar.js';
import { beginSignIn } from './browser-sign-in.js';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalL,
    maxWidth: '480px',
    margin: '10vh auto 0',
  },
  title: { margin: 0, fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold },
});

/** The browser's front door: explains Campus and starts the organization's sign-in. */
export function SignInPage({ config, message }: { config: ClientConfig; message: string | null }) {
  const styles = useStyles();
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const signIn = async () => {
    setStarting(true);
    try {
      window.location.assign(await beginSignIn(config, sessionStorage, window.location.origin));
    } catch (error) {
      setFailure((error as Error).message);
      setStarting(false);
    }
  };
  return (
    <main className={styles.page}>
      <h1 className={styles.title}>Campus</h1>
      <Text size={400}>
        Learn from your colleagues: find peer learning sessions, register, and teach what you know.
      </Text>
      {(failure ?? message) && <ErrorBar error={(failure ?? message)!} />}
      <Button appearance="primary" size="large" disabled={starting} onClick={() => void signIn()}>
        {starting ? 'Opening sign-in…' : 'Sign in with your work account'}
      </Button>
    </main>
  );
}
