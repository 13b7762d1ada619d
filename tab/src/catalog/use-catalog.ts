import { useCallback, useState } from 'react';
import { ApiError, type ApiClient } from '../api-client.js';
import type { RegistrationView, SessionPage, SessionView } from '../api-types.js';
import { useAsync } from '../shared/use-async.js';
import { useProgressMap } from './use-progress-map.js';

const pageSize = 20;

/** A Register press in flight, or the message of one that failed. */
export type CardAction = { kind: 'busy' } | { kind: 'failed'; message: string };

/** Catalog pages plus the viewer's registrations, by session id. */
interface CatalogData {
  sessions: SessionView[];
  nextCursor: string | null;
  registrations: ReadonlyMap<string, RegistrationView>;
}

/** The catalog with the viewer's registrations, paging, and registering with per-session progress and errors. */
export function useCatalog(api: ApiClient) {
  const catalog = useAsync<CatalogData>(async () => {
    const [page, mine] = await Promise.all([api.listSessions({ limit: pageSize }), api.listMySessions()]);
    return {
      ...page,
      registrations: new Map(mine.sessions.map(({ registration }) => [registration.sessionId, registration])),
    };
  }, [api]);
  const { setData } = catalog;
  const more = useAsyncAction();
  const [actions, setAction] = useProgressMap<CardAction>();

  const merge = useCallback(
    (update: { session?: SessionView; registration?: RegistrationView; nextPage?: SessionPage }) =>
      setData((current = { sessions: [], nextCursor: null, registrations: new Map() }) => {
        const registrations = new Map(current.registrations);
        if (update.registration) registrations.set(update.registration.sessionId, update.registration);
        const sessions = current.sessions.map((item) =>
          item.id === update.session?.id ? update.session : item,
        );
        if (!update.nextPage) return { ...current, sessions, registrations };
        const known = new Set(sessions.map((item) => item.id));
        return {
          sessions: [...sessions, ...update.nextPage.sessions.filter((item) => !known.has(item.id))],
          nextCursor: update.nextPage.nextCursor,
          registrations,
        };
      }),
    [setData],
  );

  const loadMore = (cursor: string) =>
    more.run(async () => merge({ nextPage: await api.listSessions({ limit: pageSize, cursor }) }));

  /** Seats and the viewer's registration change on the server, so both are read back after every attempt. */
  const refresh = async (sessionId: string) => {
    const [session, mine] = await Promise.all([api.getSession(sessionId), api.listMySessions()]);
    merge({
      session,
      registration: mine.sessions.find((item) => item.session.id === sessionId)?.registration,
    });
  };

  /** Registers, then reads the result back. Already registered (from the bot or another window) is no failure. */
  const submitRegistration = async (sessionId: string) => {
    try {
      merge({ registration: await api.register(sessionId) });
    } catch (error) {
      const code = error instanceof ApiError ? error.code : undefined;
      if (code === 'CAMPUS_ERR_SESSION_FULL') await refresh(sessionId);
      if (code !== 'CAMPUS_ERR_ALREADY_REGISTERED') throw error;
    }
    await refresh(sessionId);
  };

  const register = async (sessionId: string) => {
    setAction(sessionId, { kind: 'busy' });
    try {
      await submitRegistration(sessionId);
      setAction(sessionId, null);
    } catch (error) {
      setAction(sessionId, { kind: 'failed', message: (error as Error).message });
    }
  };

  return { catalog, loadMore, loadingMore: more.running, moreError: more.error, register, actions };
}

/** A button-triggered async task: whether it runs, and its last error. */
function useAsyncAction() {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = async (task: () => Promise<void>) => {
    setRunning(true);
    setError(null);
    try {
      await task();
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setRunning(false);
    }
  };
  return { running, error, run };
}
