import { useEffect, useState } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import type { LivePoint, RunRow } from '../api/agent-types.js';
import { publishLiveRun } from '../lib/live-run-status.js';

export type LiveConnection = 'connecting' | 'open' | 'reconnecting' | 'ended' | 'failed';

export interface LiveRunState {
  readonly points: readonly LivePoint[];
  /** The newest row the stream sent (status or end), if any. */
  readonly run: RunRow | undefined;
  readonly connection: LiveConnection;
}

/**
 * Follows GET /api/runs/<id>/live. The agent replays the whole series to every new connection, so a
 * late joiner (or a reconnect) gets every point; points already held are skipped by their time.
 */
export function useLiveRun(id: string): LiveRunState {
  const [state, setState] = useState<LiveRunState>({ points: [], run: undefined, connection: 'connecting' });
  useEffect(() => {
    setState({ points: [], run: undefined, connection: 'connecting' });
    const source = new EventSource(agentApi.liveUrlFor(id));
    const parse = <T>(event: Event): T | undefined => {
      try {
        return JSON.parse((event as MessageEvent<string>).data) as T;
      } catch {
        return undefined;
      }
    };
    source.addEventListener('open', () => setState((s) => ({ ...s, connection: 'open' })));
    source.addEventListener('point', (event) => {
      const point = parse<LivePoint>(event);
      if (!point) return;
      setState((s) => {
        const last = s.points.at(-1);
        if (last && point.elapsedMs <= last.elapsedMs) return s;
        return { ...s, points: [...s.points, point] };
      });
    });
    source.addEventListener('status', (event) => {
      const run = parse<RunRow>(event);
      if (!run) return;
      // In the same tick as the page's own update, so the status bar never lags the page.
      publishLiveRun(run);
      setState((s) => ({ ...s, run }));
    });
    source.addEventListener('end', (event) => {
      const run = parse<RunRow>(event);
      source.close();
      if (run) publishLiveRun(run);
      setState((s) => ({ ...s, run: run ?? s.run, connection: 'ended' }));
    });
    source.addEventListener('error', () => {
      // CONNECTING: the browser retries by itself; CLOSED: the agent refused the stream (e.g. 404).
      const connection: LiveConnection = source.readyState === EventSource.CLOSED ? 'failed' : 'reconnecting';
      setState((s) => (s.connection === 'ended' ? s : { ...s, connection }));
    });
    return () => source.close();
  }, [id]);
  return state;
}
