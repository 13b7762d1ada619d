import { useEffect, useState } from 'react';
import { useDebouncedValue } from '../shared/use-debounced-value.js';

/** What a lookup answered for the text typed, once it has settled. */
export interface Lookup<T> {
  /** The answers for the settled text; empty while it is asked for. */
  results: T[];
  /** The settled text has its answers. */
  answered: boolean;
  /** The settled text (trimmed): what the answers are for. */
  settled: string;
  error: string | null;
}

/**
 * Asks `find` for the text once it has stayed the same for a moment (one request per pause, not per key), while
 * `enabled`; answers for text typed since are dropped, so a slow answer never replaces a newer one.
 */
export function useLookup<T>(
  text: string,
  enabled: boolean,
  find: (text: string) => Promise<T[]>,
): Lookup<T> {
  const settled = useDebouncedValue(text.trim(), 250);
  const [answer, setAnswer] = useState<{ text: string; results: T[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setError(null);
    find(settled).then(
      (results) => current && setAnswer({ text: settled, results }),
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [find, settled, enabled]);

  const answered = answer?.text === settled;
  return { results: answered ? answer.results : [], answered, settled, error };
}
