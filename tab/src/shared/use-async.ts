import { useCallback, useEffect, useState, type DependencyList } from 'react';

/** The state of one load: data once it arrived, the error if it failed. */
export interface AsyncState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** Loads again (after an error, or to refresh). */
  reload: () => void;
  /** Replaces the loaded data locally, e.g. after a mutation answered with the new value. */
  setData: (update: (current: T | undefined) => T) => void;
}

/** Runs `load` when `deps` change and ignores answers that arrive after a newer load started. */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: Error | undefined; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, error: undefined, loading: true }));
    load().then(
      (data) => current && setState({ data, error: undefined, loading: false }),
      (error: unknown) =>
        current && setState((previous) => ({ ...previous, error: toError(error), loading: false })),
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `deps` name what it reads.
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  const setData = useCallback(
    (update: (current: T | undefined) => T) =>
      setState((previous) => ({ ...previous, data: update(previous.data) })),
    [],
  );
  return { ...state, reload, setData };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
