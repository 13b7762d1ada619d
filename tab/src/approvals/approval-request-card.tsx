import {
  Badge,
  Button,
  Caption1,
  Card,
  CardFooter,
  CardHeader,
  Field,
  makeStyles,
  Spinner,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { ApprovalView } from '../api-types.js';
import { ErrorBar } from '../shared/error-bar.js';
import { clashBadge, decisionText } from './approval-words.js';
import type { DecisionProgress } from './use-approvals.js';

const useStyles = makeStyles({
  card: { height: '100%' },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  facts: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  footer: { marginTop: 'auto', flexWrap: 'wrap' },
});

const decisionButtons = [
  { decision: 'approve', label: 'Approve', busyLabel: 'Approving…' },
  { decision: 'decline', label: 'Decline', busyLabel: 'Declining…' },
] as const;

const decidedAt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * One approval request: who, which session and when (in the viewer's mailbox zone), the time away from work and the
 * calendar check; Approve / Decline with an optional comment while pending, the decision once made.
 */
export function ApprovalRequestCard({
  approval,
  progress,
  onDecide,
}: {
  approval: ApprovalView;
  progress: DecisionProgress | undefined;
  onDecide: ((decision: 'approve' | 'decline', comment: string) => void) | null;
}) {
  const styles = useStyles();
  const headingId = useId();
  const [comment, setComment] = useState('');
  const busy = progress?.kind === 'busy' ? progress.decision : null;
  const clash = clashBadge(approval.clash.state);
  const who = approval.employee.displayName;
  const subject = `${who} for ${approval.session.title}`;
  return (
    <Card className={styles.card} aria-labelledby={headingId}>
      <CardHeader
        header={
          <h3 id={headingId} className={styles.title}>
            {approval.session.title}
          </h3>
        }
        description={<Caption1>{who} asks to attend</Caption1>}
      />
      <div className={styles.facts}>
        <Text weight="semibold">{approval.when.text}</Text>
        <Caption1>Your time zone: {approval.when.timeZone}</Caption1>
        {approval.onBehalfOf && <Caption1>As delegate of {approval.onBehalfOf.displayName}</Caption1>}
      </div>
      <div className={styles.badges}>
        <Badge appearance="tint" color="brand">
          {approval.hoursAwayText} away from work
        </Badge>
        <Badge appearance="tint" color={clash.color}>
          {clash.text}
        </Badge>
      </div>
      <Text>{approval.clash.text}</Text>
      {approval.decision ? (
        <Text role="status">{decisionText(approval.decision, (instant) => decidedAt.format(instant))}</Text>
      ) : (
        <Caption1>
          Decide by {approval.expiresText}; after that Campus declines it and frees the seat.
        </Caption1>
      )}
      {progress?.kind === 'failed' && <ErrorBar error={progress.error} />}
      {onDecide && !approval.decision && (
        <>
          <Field label={`Comment for ${who} (optional)`}>
            <Textarea
              value={comment}
              maxLength={500}
              resize="vertical"
              onChange={(_event, data) => setComment(data.value)}
            />
          </Field>
          <CardFooter className={styles.footer}>
            {decisionButtons.map(({ decision, label, busyLabel }) => (
              <Button
                key={decision}
                appearance={decision === 'approve' ? 'primary' : 'secondary'}
                disabledFocusable={busy !== null}
                icon={busy === decision ? <Spinner size="tiny" /> : undefined}
                aria-label={`${label} ${subject}`}
                onClick={() => onDecide(decision, comment)}
              >
                {busy === decision ? busyLabel : label}
              </Button>
            ))}
          </CardFooter>
        </>
      )}
    </Card>
  );
}
