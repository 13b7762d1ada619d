import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api-client.js';
import type { AudienceMemberPage, AudienceView } from '../api-types.js';
import { ErrorBar } from '../shared/error-bar.js';
import { Loading } from '../shared/loading.js';
import { peopleCount } from './preview-panel.js';

const pageSize = 100;

/** Pages through a saved audience's members; each page is evaluated against the directory as it is then. */
function MemberPages({ api, audience }: { api: ApiClient; audience: AudienceView }) {
  const [pages, setPages] = useState<AudienceMemberPage[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const cursor = pages.at(-1)?.nextCursor ?? null;

  // Only the latest request may add its page: StrictMode's second effect run asks for the first page again.
  const latestRequest = useRef(0);
  const load = useCallback(
    (after: string | null) => {
      const request = ++latestRequest.current;
      setLoading(true);
      setError(null);
      api
        .listAudienceMembers(audience.id, { limit: pageSize, cursor: after })
        .then(
          (page) =>
            request === latestRequest.current && setPages((known) => (after ? [...known, page] : [page])),
          (failure: Error) => request === latestRequest.current && setError(failure),
        )
        .finally(() => request === latestRequest.current && setLoading(false));
    },
    [api, audience.id],
  );
  useEffect(() => load(null), [load]);

  const members = pages.flatMap((page) => page.members);
  const latest = pages.at(-1);
  return (
    <>
      {latest && <Text>{`${peopleCount(latest.total)} now; ${members.length} shown.`}</Text>}
      {members.length > 0 && (
        <Table size="small" aria-label={`Members of ${audience.name}`}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Job title</TableHeaderCell>
              <TableHeaderCell>Department</TableHeaderCell>
              <TableHeaderCell>Office</TableHeaderCell>
              <TableHeaderCell>Time zone</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.map((member) => (
              <TableRow key={member.id}>
                <TableCell>{member.displayName}</TableCell>
                <TableCell>{member.jobTitle}</TableCell>
                <TableCell>{member.department}</TableCell>
                <TableCell>{member.officeLocation}</TableCell>
                <TableCell>{member.timeZone}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {loading && <Loading label="Loading members…" />}
      {error && (
        <ErrorBar title="Campus could not list the members" error={error} onRetry={() => load(cursor)} />
      )}
      {!loading && !error && cursor && <Button onClick={() => load(cursor)}>Show more</Button>}
    </>
  );
}

/** "See everyone": the saved audience's members, a page at a time. */
export function MembersDialog({ api, audience }: { api: ApiClient; audience: AudienceView }) {
  return (
    <Dialog>
      <DialogTrigger disableButtonEnhancement>
        <Button>See everyone in “{audience.name}”</Button>
      </DialogTrigger>
      <DialogSurface style={{ maxWidth: '960px' }}>
        <DialogBody>
          <DialogTitle>Everyone in “{audience.name}”, as saved</DialogTitle>
          <DialogContent>
            <MemberPages api={api} audience={audience} />
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="primary">Close</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
