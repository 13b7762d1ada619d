import {
  Button,
  Caption1,
  CounterBadge,
  makeStyles,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api-client.js';
import { ErrorBar } from '../shared/error-bar.js';
import { Loading } from '../shared/loading.js';
import { useAsync } from '../shared/use-async.js';
import { countUnread, newestAt, notificationTitles } from './notification-words.js';

const useStyles = makeStyles({
  surface: { width: 'min(420px, 90vw)', maxHeight: '70vh', overflowY: 'auto' },
  heading: { margin: `0 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase400 },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Where the last look is kept; a host that refuses storage just shows every notification as new. */
function seenStore(userId: string) {
  const key = `campus.notifications.seen.${userId}`;
  return {
    load: (): string | null => {
      try {
        return localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    save: (value: string) => {
      try {
        localStorage.setItem(key, value);
      } catch {
        // Not kept: the count starts from all again next time, which is harmless.
      }
    },
  };
}

/** The header's Notifications button: how many are new, and the list (read again each time it opens). */
export function NotificationsButton({ api, userId }: { api: ApiClient; userId: string }) {
  const styles = useStyles();
  const notifications = useAsync(() => api.listMyNotifications(), [api]);
  const store = seenStore(userId);
  const [seenAt, setSeenAt] = useState(store.load);
  const items = notifications.data?.notifications ?? [];
  const unread = countUnread(items, seenAt);

  const onOpenChange = (open: boolean) => {
    if (open) {
      notifications.reload();
      return;
    }
    const newest = newestAt(items);
    if (newest) {
      store.save(newest);
      setSeenAt(newest);
    }
  };

  return (
    // Not modal (no trapFocus): the panel is text to read; a focus trap with nothing to focus hides it from readers.
    <Popover positioning="below-end" onOpenChange={(_event, data) => onOpenChange(data.open)}>
      <PopoverTrigger disableButtonEnhancement>
        <Button
          appearance="subtle"
          aria-label={unread > 0 ? `Notifications, ${unread} new` : 'Notifications'}
          icon={unread > 0 ? <CounterBadge count={unread} size="small" aria-hidden /> : undefined}
          iconPosition="after"
        >
          Notifications
        </Button>
      </PopoverTrigger>
      <PopoverSurface className={styles.surface} aria-labelledby="notifications-heading">
        <h2 id="notifications-heading" className={styles.heading}>
          Notifications
        </h2>
        {notifications.error && <ErrorBar error={notifications.error} onRetry={notifications.reload} />}
        {!notifications.data && !notifications.error && <Loading label="Loading notifications…" />}
        {notifications.data && items.length === 0 && <Text>Nothing new about your registrations.</Text>}
        {items.length > 0 && (
          <ul className={styles.list} aria-label="Notifications">
            {items.map((item) => (
              <li key={item.id} className={styles.item}>
                <Text weight={countUnread([item], seenAt) > 0 ? 'semibold' : 'regular'}>
                  {notificationTitles[item.kind]}
                </Text>
                <Text>{item.message}</Text>
                <Caption1>{when.format(new Date(item.createdAt))}</Caption1>
              </li>
            ))}
          </ul>
        )}
      </PopoverSurface>
    </Popover>
  );
}
