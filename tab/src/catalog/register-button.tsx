import { Button, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { RegisterAction } from './registration-state.js';
import type { RegistrationWords } from './registration-words.js';
import type { CardAction } from './use-catalog.js';

const useStyles = makeStyles({
  line: { flexBasis: '100%' },
  error: { color: tokens.colorPaletteRedForeground1, flexBasis: '100%' },
});

/** Register (or Join the waitlist), or the state that replaces it, with what happened in words below. */
export function RegisterButton({
  action,
  words,
  progress,
  sessionTitle,
  onRegister,
}: {
  action: RegisterAction;
  /** The viewer's registration in words, when they have one. */
  words: RegistrationWords | null;
  progress: CardAction | undefined;
  sessionTitle: string;
  onRegister: () => void;
}) {
  const styles = useStyles();
  const busy = progress?.kind === 'busy';
  return (
    <>
      <Button
        appearance={action.press ? 'primary' : 'secondary'}
        // Focusable while disabled, so keyboard and screen reader users still hear the state.
        disabledFocusable={!action.press || busy}
        icon={busy ? <Spinner size="tiny" /> : undefined}
        aria-label={`${busy ? 'Registering for' : action.label + ':'} ${sessionTitle}`}
        onClick={onRegister}
      >
        {busy ? 'Registering…' : action.label}
      </Button>
      {/* Announced when it changes: the answer to the press is here, not in a dialog. */}
      <Text role="status" size={200} className={styles.line}>
        {words?.detail}
      </Text>
      {progress?.kind === 'failed' && (
        <Text role="alert" size={200} className={styles.error}>
          {progress.message}
        </Text>
      )}
    </>
  );
}
