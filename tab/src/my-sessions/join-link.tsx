import { Button, Link } from '@fluentui/react-components';
import { useState } from 'react';

/**
 * "Join in Teams". Inside a Microsoft 365 host the host opens the meeting (in Teams itself); in a browser it is
 * an ordinary link to a new tab.
 */
export function JoinLink({
  url,
  openLink,
}: {
  url: string;
  openLink: ((url: string) => Promise<void>) | null;
}) {
  const [failed, setFailed] = useState(false);
  if (!openLink || failed) {
    return (
      <Link href={url} target="_blank" rel="noopener noreferrer">
        Join in Teams
      </Link>
    );
  }
  // If the host refuses (an older client), fall back to the plain link rather than a dead button.
  return (
    <Button appearance="primary" onClick={() => void openLink(url).catch(() => setFailed(true))}>
      Join in Teams
    </Button>
  );
}
