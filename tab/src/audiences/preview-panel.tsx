import {
  Caption1,
  makeStyles,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { AudiencePreview, BreakdownEntry } from '../api-types.js';
import { ErrorBar } from '../shared/error-bar.js';
import type { PreviewAnswer } from './use-audience-preview.js';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  total: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, minHeight: '40px' },
  count: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold },
  breakdowns: {
    display: 'grid',
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
  },
  number: { textAlign: 'end' },
  sample: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

const numbers = new Intl.NumberFormat();

/** "1,234 people", in the reader's own digits. */
export function peopleCount(total: number): string {
  return `${numbers.format(total)} ${total === 1 ? 'person' : 'people'}`;
}

function bucketLabel(entry: BreakdownEntry): string {
  if (entry.other) return 'Everyone else';
  return entry.value ?? 'Not set';
}

function Breakdown({ title, entries }: { title: string; entries: BreakdownEntry[] }) {
  const styles = useStyles();
  return (
    <Table size="small" aria-label={title}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{title}</TableHeaderCell>
          <TableHeaderCell className={styles.number}>People</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => (
          <TableRow key={`${entry.other}-${entry.value}`}>
            <TableCell>{bucketLabel(entry)}</TableCell>
            <TableCell className={styles.number}>{numbers.format(entry.count)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Details({ preview }: { preview: AudiencePreview }) {
  const styles = useStyles();
  if (preview.total === 0) return <Text>No one matches this rule.</Text>;
  return (
    <>
      <div className={styles.breakdowns}>
        <Breakdown title="Office" entries={preview.byOffice} />
        <Breakdown title="Department" entries={preview.byDepartment} />
        <Breakdown title="Time zone" entries={preview.byTimeZone} />
      </div>
      <Subtitle2 as="h3">Some of them</Subtitle2>
      <ul className={styles.sample} aria-label="Sample of people">
        {preview.sample.map((person) => (
          <li key={person.id}>
            <Text>{person.displayName}</Text>{' '}
            <Caption1>
              {[person.jobTitle, person.department, person.officeLocation].filter(Boolean).join(' · ')}
            </Caption1>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * How many people the rule reaches now, where they are and a few of them. The count is a live region: a screen
 * reader hears the new number once an edit has been counted.
 */
export function PreviewPanel({
  answer,
  pending,
  unfinished,
  ruleError,
}: {
  answer: PreviewAnswer | null;
  pending: boolean;
  /** Rows left out of the count because they are not filled in. */
  unfinished: number;
  /** True when the failure is about a row, already shown beside it. */
  ruleError: boolean;
}) {
  const styles = useStyles();
  const preview = answer && 'preview' in answer ? answer.preview : null;
  return (
    <section className={styles.panel} aria-labelledby="audience-preview-title">
      <Subtitle2 as="h2" id="audience-preview-title">
        Who it reaches
      </Subtitle2>
      <div className={styles.total}>
        <output className={styles.count} aria-label="People reached" aria-live="polite" aria-busy={pending}>
          {answer === null ? '—' : preview ? peopleCount(preview.total) : '—'}
        </output>
        {pending && <Spinner size="tiny" label="Counting…" />}
      </div>
      {answer === null && !pending && <Text>Fill in a condition to see who it reaches.</Text>}
      {unfinished > 0 && (
        <Caption1>
          {unfinished === 1
            ? 'One condition is not filled in yet and is not counted.'
            : `${unfinished} conditions are not filled in yet and are not counted.`}
        </Caption1>
      )}
      {answer && 'error' in answer && !ruleError && (
        <ErrorBar title="Campus could not count this audience" error={answer.error} />
      )}
      {answer && 'error' in answer && ruleError && (
        <Text>Fix the condition marked in the rule to see who it reaches.</Text>
      )}
      {preview && <Details preview={preview} />}
    </section>
  );
}
