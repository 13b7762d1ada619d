import {
  Badge,
  Caption1,
  Card,
  CardFooter,
  CardHeader,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { SessionView } from '../api-types.js';
import { formatSessionTime } from '../format/session-time.js';

const useStyles = makeStyles({
  card: { height: '100%' },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  facts: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  abstract: {
    color: tokens.colorNeutralForeground2,
    display: '-webkit-box',
    WebkitLineClamp: 3,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  footer: { marginTop: 'auto', alignItems: 'center', flexWrap: 'wrap' },
});

/** One session: title, presenter, when (viewer's zone, then the session's), length, place and seats. */
export function SessionCard({ session, children }: { session: SessionView; children?: ReactNode }) {
  const styles = useStyles();
  const when = formatSessionTime(session);
  return (
    <Card className={styles.card}>
      <CardHeader
        header={<h3 className={styles.title}>{session.title}</h3>}
        description={<Caption1>with {session.presenter.displayName}</Caption1>}
      />
      <div className={styles.facts}>
        <Text weight="semibold">{when.date}</Text>
        <Text>
          {when.time} · {when.duration}
        </Text>
        {when.inSessionZone && <Caption1>Session time: {when.inSessionZone}</Caption1>}
      </div>
      <div className={styles.badges}>
        <Badge appearance="tint" color={session.online ? 'brand' : 'informative'}>
          {placeOf(session)}
        </Badge>
        {session.status === 'cancelled' ? (
          <Badge appearance="tint" color="danger">
            Cancelled
          </Badge>
        ) : (
          <Badge appearance="tint" color={session.seatsLeft > 0 ? 'success' : 'warning'}>
            {session.seatsLeft > 0
              ? `${session.seatsLeft} of ${session.capacity} seats left`
              : 'No seats left'}
          </Badge>
        )}
      </div>
      <Text className={styles.abstract}>{session.abstract}</Text>
      {children && <CardFooter className={styles.footer}>{children}</CardFooter>}
    </Card>
  );
}

function placeOf({ online, location }: Pick<SessionView, 'online' | 'location'>): string {
  if (online) return location ? `Online · ${location}` : 'Online';
  return location ?? 'In person';
}
