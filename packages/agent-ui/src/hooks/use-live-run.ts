import type { LivePoint, RunRow } from '@fpt/api-types';
import { useEffect, useState } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import { publishLiveRun } from '../lib/live-run-status.js';
import { appendNewer, type LiveConnection, useEventSource } from './use-event-source.js';

export type { LiveConnection } from './use-event-source.js';

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
  const [state, setState] = useState<Omit<LiveRunState, 'connection'>>({ points: [], run: undefined });
  useEffect(() => setState({ points: [], run: undefined }), [id]);
  // In the same tick as the page's own update, so the status bar never lags the page.
  const takeRow = (data: unknown) => {
    const run = data as RunRow;
    publishLiveRun(run);
    setState((s) => ({ ...s, run }));
  };
  const connection = useEventSource(agentApi.liveUrlFor(id), {
    point: (data) =>
      setState((s) => {
        const points = appendNewer(s.points, data as LivePoint, (p) => p.elapsedMs);
        return points === s.points ? s : { ...s, points };
      }),
    status: takeRow,
    end: takeRow,
  });
  return { ...state, connection };
}
