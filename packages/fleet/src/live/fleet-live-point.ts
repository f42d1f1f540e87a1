import type { LiveSourceState as ApiLiveSourceState } from '@fpt/api-types';

// The merged live stream of a fleet run (GET /api/fleet/runs/:id/live on its coordinator, docs/agent.md):
// each second of every agent's run added up per region and fleet-wide. Its shapes are declared once, in
// @fpt/api-types, where the web UI reads them.
export type {
  FleetLiveFigures,
  FleetLivePoint,
  FleetLiveRegion,
  FleetLiveSource,
  FleetLiveStatus,
} from '@fpt/api-types';

/** How the coordinator follows one agent's live stream. */
export const LiveSourceState = {
  /** Its run is starting. */
  waiting: 'waiting',
  /** Its run started; its stream is being opened. */
  connecting: 'connecting',
  live: 'live',
  /** Its stream failed and is opened again; its seconds go out without it meanwhile. */
  retrying: 'retrying',
  /** Its run ended and its stream with it. */
  ended: 'ended',
  /** Its run never started, or it was given up (busy, refused, unreachable, lost, timed out). */
  off: 'off',
} as const satisfies Readonly<Record<string, ApiLiveSourceState>>;
export type LiveSourceState = ApiLiveSourceState;
