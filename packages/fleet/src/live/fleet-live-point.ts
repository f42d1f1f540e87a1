import type { TimelinePoint } from '@fpt/metrics';

// The merged live stream of a fleet run (GET /api/fleet/runs/:id/live on its coordinator, docs/agent.md):
// each second of every agent's run added up per region and fleet-wide.

/**
 * What a region's agents, or the whole fleet's, measured in one second: a run's timeline figures (VUs at
 * the second's end of the agents counted in it; p50/p95/p99 from their histograms of this second merged,
 * absent when no request finished in it), and more.
 */
export interface FleetLiveFigures
  extends Pick<
    TimelinePoint,
    'vus' | 'requests' | 'failedRequests' | 'iterations' | 'droppedIterations' | 'p50Ms' | 'p95Ms' | 'p99Ms'
  > {
  /** Since the start: each agent's own running total as of this second. */
  readonly totalRequests: number;
  readonly totalFailed: number;
  /** Agents whose runs started, and those whose point for this second is counted. */
  readonly agents: number;
  readonly reporting: number;
}

export interface FleetLiveRegion extends FleetLiveFigures {
  readonly region: string;
}

export interface FleetLivePoint {
  /**
   * The second of the run, from 1. Each agent's tMs counts from its own run's start; the agents start
   * together, so an agent's point belongs to the second nearest its tMs.
   */
  readonly second: number;
  /** The latest end of the agents' intervals in this second. */
  readonly elapsedMs: number;
  /** The longest planned length among the agents (graceful stops left out). */
  readonly plannedMs: number;
  readonly fleet: FleetLiveFigures;
  /** Every requested region, in the fleet run's order. */
  readonly regions: readonly FleetLiveRegion[];
}

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
} as const;
export type LiveSourceState = (typeof LiveSourceState)[keyof typeof LiveSourceState];

export interface FleetLiveSource {
  /** The registry's id. */
  readonly peer: string;
  readonly region: string;
  readonly state: LiveSourceState;
  /** Why it is retrying or off, in words. */
  readonly reason: string | null;
}

/** The `status` event: every agent's stream, sent whenever one of them changes. */
export interface FleetLiveStatus {
  readonly sources: readonly FleetLiveSource[];
}
