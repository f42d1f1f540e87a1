import { useEffect, useRef, useState } from 'preact/hooks';

export type LiveConnection = 'connecting' | 'open' | 'reconnecting' | 'ended' | 'failed';

/** What to do with each named event's JSON data. */
export type EventHandlers = Readonly<Record<string, (data: unknown) => void>>;

/**
 * Follows one of the agent's server-sent event streams (a run's, a fleet run's): each named event's JSON
 * goes to its handler, and `end` closes the stream. After a drop the browser reconnects by itself and the
 * agent replays the whole series, so handlers skip what they already hold. No url: nothing is followed.
 */
export function useEventSource(url: string | undefined, handlers: EventHandlers): LiveConnection {
  const [connection, setConnection] = useState<LiveConnection>('connecting');
  // The latest handlers, without reopening the stream each time the caller renders new closures.
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!url) return;
    setConnection('connecting');
    const source = new EventSource(url);
    let ended = false;
    const deliver = (name: string, event: Event) => {
      let data: unknown;
      try {
        data = JSON.parse((event as MessageEvent<string>).data);
      } catch {
        return;
      }
      latest.current[name]?.(data);
    };
    source.addEventListener('open', () => setConnection('open'));
    for (const name of Object.keys(latest.current).filter((n) => n !== 'end'))
      source.addEventListener(name, (event) => deliver(name, event));
    source.addEventListener('end', (event) => {
      ended = true;
      source.close();
      deliver('end', event);
      setConnection('ended');
    });
    source.addEventListener('error', () => {
      // CONNECTING: the browser retries by itself; CLOSED: the agent refused the stream (e.g. 404).
      if (!ended) setConnection(source.readyState === EventSource.CLOSED ? 'failed' : 'reconnecting');
    });
    return () => source.close();
  }, [url]);
  return connection;
}

/**
 * `held` with `item` added when it comes after the last one held (by `order`): a reconnected stream replays
 * its whole series, and what is held already is skipped. The same array otherwise, so nothing re-renders.
 */
export function appendNewer<T>(held: readonly T[], item: T, order: (item: T) => number): readonly T[] {
  const last = held.at(-1);
  return last !== undefined && order(item) <= order(last) ? held : [...held, item];
}
