import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  grid: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingVerticalL,
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 320px), 1fr))',
  },
});

/** A responsive list of session cards: one column on a phone, as many as fit on a wide screen. */
export function SessionGrid({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul className={useStyles().grid} aria-label={label}>
      {children}
    </ul>
  );
}
