import { useCallback, useState } from 'react';
import { ApiError, type ApiClient } from '../api-client.js';
import type { ApprovalView } from '../api-types.js';
import { useProgressMap } from '../catalog/use-progress-map.js';
import { useAsync } from '../shared/use-async.js';
import { decidedPageSize, mergeDecided } from './decided-list.js';

/** A decision in flight for one request, or the error of one that failed. */
export type DecisionProgress =
  { kind: 'busy'; decision: 'approve' | 'decline' } | { kind: 'failed'; error: Error };

/** Someone else decided first (a delegate, a standing rule, the expiry): the request is shown as it ended. */
const settledElsewhere = new Set(['CAMPUS_ERR_ALREADY_DECIDED', 'CAMPUS_ERR_APPROVAL_CLOSED']);

type DecidedPage = { approvals: ApprovalView[]; nextCursor: string | null };

/** The Decided list as the API keeps it, newest decision first, a page at a time. */
function useDecidedPages(api: ApiClient) {
  const first = useAsync(() => api.listDecidedApprovals({ limit: decidedPageSize }), [api]);
  const [older, setOlder] = useState<DecidedPage[]>([]);
  const [more, setMore] = useState<{ running: boolean; error: Error | null }>({
    running: false,
    error: null,
  });
  const last = older.at(-1) ?? first.data;
  const loadMore = async () => {
    if (!last?.nextCursor) return;
    setMore({ running: true, error: null });
    try {
      const page = await api.listDecidedApprovals({ limit: decidedPageSize, cursor: last.nextCursor });
      setOlder((current) => [...current, page]);
      setMore({ running: false, error: null });
    } catch (error) {
      setMore({ running: false, error: error as Error });
    }
  };
  const pages = first.data ? [first.data, ...older].map((page) => page.approvals) : [];
  return { first, pages, hasMore: Boolean(last?.nextCursor), more, loadMore };
}

/**
 * The requests waiting for the viewer, the ones decided (by them, their delegate or Campus; newest first), and
 * deciding: a decided request moves from pending to the top of decided, with the answer the API gave.
 */
export function useApprovals(api: ApiClient) {
  const pending = useAsync(() => api.listApprovals(), [api]);
  const { setData } = pending;
  const [decidedHere, setDecided] = useState<ApprovalView[]>([]);
  const history = useDecidedPages(api);
  const decided = mergeDecided(decidedHere, history.pages);
  const [progress, setProgressOf] = useProgressMap<DecisionProgress>();

  const settle = useCallback(
    (view: ApprovalView) => {
      setData((current) => ({ approvals: (current?.approvals ?? []).filter((item) => item.id !== view.id) }));
      setDecided((current) => [view, ...current.filter((item) => item.id !== view.id)]);
    },
    [setData],
  );

  const decide = async (id: string, decision: 'approve' | 'decline', comment: string) => {
    setProgressOf(id, { kind: 'busy', decision });
    try {
      settle(await api.decideApproval(id, decision, comment.trim() || null));
      setProgressOf(id, null);
    } catch (error) {
      if (error instanceof ApiError && settledElsewhere.has(error.code)) {
        // The error says what happened; the request itself shows who decided and how.
        const ended = await api.getApproval(id).catch(() => null);
        if (ended) settle(ended);
      }
      setProgressOf(id, { kind: 'failed', error: error as Error });
    }
  };

  return { pending, decided, history, progress, decide };
}
