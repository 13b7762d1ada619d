import { Button, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { CardAction } from './use-catalog.js';
import { registrationLabels, type RegistrationState } from './registration-state.js';

const useStyles = makeStyles({
  error: { color: tokens.colorPaletteRedForeground1, flexBasis: '100%' },
});

/** Register, or the state that replaces it: awaiting approval, registered, full, closed. */
export function RegisterButton({
  state,
  action,
  sessionTitle,
  onRegister,
}: {
  state: RegistrationState;
  action: CardAction | undefined;
  sessionTitle: string;
  onRegister: () => void;
}) {
  const styles = useStyles();
  const busy = action?.kind === 'busy';
  const { label, enabled } = registrationLabels[state];
  return (
    <>
      <Button
        appearance={state === 'open' ? 'primary' : 'secondary'}
        // Focusable while disabled, so keyboard and screen reader users still hear the state.
        disabledFocusable={!enabled || busy}
        icon={busy ? <Spinner size="tiny" /> : undefined}
        aria-label={`${busy ? 'Registering for' : label + ':'} ${sessionTitle}`}
        onClick={onRegister}
      >
        {busy ? 'Registering…' : label}
      </Button>
      {action?.kind === 'failed' && (
        <Text role="alert" size={200} className={styles.error}>
          {action.message}
        </Text>
      )}
    </>
  );
}
