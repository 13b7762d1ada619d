import { Spinner } from '@fluentui/react-components';

/** A centred spinner with a spoken label. */
export function Loading({ label }: { label: string }) {
  return <Spinner label={label} labelPosition="below" style={{ padding: '48px 0' }} />;
}
