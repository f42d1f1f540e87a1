import type { FleetLivePoint, FleetLiveSource, FleetLiveStatus } from '@fpt/api-types';
import { useEffect, useState } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import { appendNewer, type LiveConnection, useEventSource } from './use-event-source.js';

export interface FleetLiveState {
  readonly points: readonly FleetLivePoint[];
  /** How the coordinator follows each agent's own stream, as it last said. */
  readonly sources: readonly FleetLiveSource[];
  readonly connection: LiveConnection;
}

/**
 * Follows a fleet run's merged live stream (GET /api/fleet/runs/<id>/live) while `following`: the
 * coordinator pushes a second of every agent as it is merged. A reconnect replays the whole series;
 * seconds already held are skipped.
 */
export function useFleetLive(id: string, following: boolean): FleetLiveState {
  const [state, setState] = useState<Omit<FleetLiveState, 'connection'>>({ points: [], sources: [] });
  useEffect(() => setState({ points: [], sources: [] }), [id]);
  const connection = useEventSource(following ? agentApi.fleetLiveUrlFor(id) : undefined, {
    point: (data) =>
      setState((s) => {
        const points = appendNewer(s.points, data as FleetLivePoint, (p) => p.second);
        return points === s.points ? s : { ...s, points };
      }),
    status: (data) => setState((s) => ({ ...s, sources: (data as FleetLiveStatus).sources })),
  });
  return { ...state, connection };
}
