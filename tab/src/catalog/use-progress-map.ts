import { useCallback, useState } from 'react';

/** Per-item progress of button presses (in flight, or the last failure), keyed by item id; null clears an item. */
export function useProgressMap<T>(): [ReadonlyMap<string, T>, (id: string, next: T | null) => void] {
  const [progress, setProgress] = useState<ReadonlyMap<string, T>>(new Map());
  const setProgressOf = useCallback((id: string, next: T | null) => {
    setProgress((current) => {
      const map = new Map(current);
      if (next === null) map.delete(id);
      else map.set(id, next);
      return map;
    });
  }, []);
  return [progress, setProgressOf];
}
