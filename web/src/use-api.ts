import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, api } from './api.js';

/** What a page shows while it reads the API: the data, or the error, or neither yet. */
export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly reload: () => void;
}

/**
 * Reads `path` from the API when it changes, and again every `refreshMs` when given (the page then
 * refreshes itself without a reload); a failed read keeps the last data and shows the error.
 *
 * @example
 * const runs = useApi<{ runs: Run[] }>(`/api/v1/runs?filter=${encodeURIComponent(filter)}`);
 */
export function useApi<T>(path: string | null, refreshMs?: number): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  // `tick` is a dependency on purpose: reload() changes it to read the path again.
  useEffect(() => {
    if (path === null) return;
    let current = true;
    api<T>(path).then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(undefined);
      },
      (reason: unknown) => {
        if (current)
          setError(reason instanceof ApiError ? reason : new ApiError(0, 'CLIENT', String(reason)));
      },
    );
    const timer = refreshMs ? setTimeout(reload, refreshMs) : undefined;
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [path, tick, refreshMs]);
  return { data, error, reload };
}
