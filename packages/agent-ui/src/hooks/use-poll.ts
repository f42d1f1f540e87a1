import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/api-error.js';

export interface Polled<T> {
  /** The newest answer; kept when a later poll fails, so the page shows the last known state. */
  readonly data: T | undefined;
  /** The last poll failed (the data, if any, is stale). */
  readonly error: Error | undefined;
  /** Ask again now (and go on polling, if it had stopped). */
  readonly refresh: () => void;
}

/**
 * Loads something now and again every `intervalMs` while the page is open, until `keepPolling` says the
 * answer is final (a finished fleet run). The next call starts only after the previous one settled, so a
 * slow answer (fleet status waits for a dead peer) never piles calls up. A new `key` starts afresh.
 */
export function usePoll<T>(
  load: () => Promise<T>,
  key: string,
  intervalMs: number,
  keepPolling: (data: T) => boolean = () => true,
): Polled<T> {
  const [state, setState] = useState<{ data: T | undefined; error: Error | undefined; key: string }>({
    data: undefined,
    error: undefined,
    key,
  });
  const [attempt, setAttempt] = useState(0);
  // The latest callbacks, without restarting the poll each time the parent renders new closures.
  const latest = useRef({ load, keepPolling });
  latest.current = { load, keepPolling };
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState((s) => (s.key === key ? s : { data: undefined, error: undefined, key }));
    const poll = () => {
      latest.current.load().then(
        (data) => {
          if (stopped) return;
          setState({ data, error: undefined, key });
          if (latest.current.keepPolling(data)) timer = setTimeout(poll, intervalMs);
        },
        (error: Error) => {
          if (stopped) return;
          setState((s) => ({ data: s.key === key ? s.data : undefined, error, key }));
          // A refusal (no such fleet run, not logged in) will not change by asking again; an agent that
          // did not answer, or failed, may come back.
          const refused = error instanceof ApiError && error.status >= 400 && error.status < 500;
          if (!refused) timer = setTimeout(poll, intervalMs);
        },
      );
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [key, attempt, intervalMs]);
  const refresh = useCallback(() => setAttempt((n) => n + 1), []);
  // Until the first answer for a new key arrives, the old key's data is not this page's.
  return state.key === key
    ? { data: state.data, error: state.error, refresh }
    : { data: undefined, error: undefined, refresh };
}
