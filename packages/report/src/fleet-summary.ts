import type { FleetAgentState as ApiFleetAgentState, FleetAgentRun } from '@fpt/api-types';
import type { ThresholdOutcome } from '@fpt/metrics';
import type { KeyFigures } from './key-figures.js';

/**
 * What a fleet run adds to its summary (`fpt.fleet`): the regions it asked for, how each one ended, its own
 * figures and thresholds, and where each agent's run lives. Absent in the summary of a single run.
 */
export interface FleetSummary {
  /** The fleet run's id in the coordinator's history (or the CLI's, which keeps none). */
  readonly id: string;
  /** Who coordinated: "<region>/<agent id>" of an agent, or "cli". */
  readonly coordinator: string;
  /** Every requested region delivered its whole load. */
  readonly complete: boolean;
  /** Requested regions with no result, in request order. */
  readonly missingRegions: readonly string[];
  readonly regions: readonly FleetRegion[];
}

export const FleetRegionStatus = {
  /** Its agents are starting or running. */
  running: 'running',
  /** Every agent of the region ran its share and its metrics are merged. */
  complete: 'complete',
  /** No result: `reason` says why (busy, unreachable, refused, lost, timed out...). */
  missing: 'missing',
} as const;
export type FleetRegionStatus = (typeof FleetRegionStatus)[keyof typeof FleetRegionStatus];

export interface FleetRegion {
  readonly region: string;
  readonly status: FleetRegionStatus;
  readonly reason: string | null;
  /** From the region's own merged data (its agents together); null unless complete. */
  readonly figures: KeyFigures | null;
  /**
   * The thresholds that apply to this region (all but those filtered on another region), evaluated on the
   * region's data alone. The verdict follows the fleet-wide evaluation; these show which region is behind it.
   */
  readonly thresholds: readonly ThresholdOutcome[];
  readonly agents: readonly FleetAgentRun[];
}

export const FleetAgentState = {
  starting: 'starting',
  running: 'running',
  passed: 'passed',
  failed: 'failed',
  aborted: 'aborted',
  stopped: 'stopped',
  error: 'error',
  /** The agent answered 409: a run of its own is in progress. */
  busy: 'busy',
  /** The agent answered the start with another refusal (400, 401, 403, 404, 422). */
  refused: 'refused',
  /** No connection to the agent. */
  unreachable: 'unreachable',
  /** A call or the run outlasted its time. */
  timeout: 'timeout',
  /** The agent stopped answering during the run (killed, network gone). */
  lost: 'lost',
} as const satisfies Readonly<Record<string, ApiFleetAgentState>>;
export type FleetAgentState = ApiFleetAgentState;

/** One agent's share of a region: the shape the web UI reads, declared in @fpt/api-types. */
export type { FleetAgentRun } from '@fpt/api-types';
