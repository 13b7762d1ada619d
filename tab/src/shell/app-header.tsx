import { Avatar, Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    paddingBlock: tokens.spacingVerticalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  brand: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    marginRight: 'auto',
  },
  user: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

/**
 * Campus, the signed-in person's actions (notifications), the person, and sign-out where the tab owns the sign-in
 * (not inside Microsoft 365 hosts).
 */
export function AppHeader({
  displayName,
  onSignOut,
  actions,
}: {
  displayName: string | null;
  onSignOut: (() => void) | null;
  actions?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <h1 className={styles.brand}>Campus</h1>
      {actions}
      {displayName && (
        <div className={styles.user}>
          <Avatar name={displayName} size={28} aria-hidden />
          <Text>{displayName}</Text>
        </div>
      )}
      {onSignOut && (
        <Button appearance="subtle" onClick={onSignOut}>
          Sign out
        </Button>
      )}
    </header>
  );
}
