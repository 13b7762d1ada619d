import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../api-client.js';
import type { AudienceView } from '../api-types.js';

const pageSize = 50;

const byName = (a: AudienceView, b: AudienceView) =>
  a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

/** The saved audiences by name, a page at a time, kept in step with what this page saves, renames and deletes. */
export function useSavedAudiences(api: ApiClient) {
  const [audiences, setAudiences] = useState<AudienceView[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);

  const load = useCallback(
    async (cursor: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const page = await api.listAudiences({ limit: pageSize, cursor });
        setAudiences((known) => {
          const fresh = new Set(page.audiences.map((audience) => audience.id));
          return [...(cursor ? known.filter((audience) => !fresh.has(audience.id)) : []), ...page.audiences];
        });
        setNextCursor(page.nextCursor);
      } catch (failure) {
        setError(failure as Error);
      } finally {
        setLoading(false);
      }
    },
    [api],
  );

  useEffect(() => void load(null), [load, attempt]);

  return {
    audiences,
    loading,
    error,
    hasMore: nextCursor !== null,
    loadMore: () => void load(nextCursor),
    reload: () => setAttempt((count) => count + 1),
    /** Puts a saved or renamed audience in its place by name. */
    upsert: (saved: AudienceView) =>
      setAudiences((known) => [...known.filter((audience) => audience.id !== saved.id), saved].sort(byName)),
    remove: (id: string) => setAudiences((known) => known.filter((audience) => audience.id !== id)),
  };
}

export type SavedAudiences = ReturnType<typeof useSavedAudiences>;
