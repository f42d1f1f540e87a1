/**
 * The fleet API's JSON shapes, as docs/agent.md ("Fleet") defines them: the peers' status, and fleet runs
 * with their regions side by side, and the fleet run's live stream.
 */
import type { KeyFigures, RunOverrides, SecondFigures } from './agent.js';
import type { SummaryThreshold } from './summary.js';

export type PeerHealth = 'ok' | 'unreachable' | 'timeout' | 'unauthorized' | 'error';

/** One peer as GET /api/fleet/status shows it. What the peer would tell is null when it did not answer. */
export interface PeerState {
  /** The registry's id. */
  readonly id: string;
  readonly region: string;
  readonly role: 'baseline' | 'confirm' | 'far' | null;
  /** Public URL: links to its UI and runs. */
  readonly url: string;
  /** How agents reach it (never the private address itself). */
  readonly route: 'public' | 'private';
  readonly health: PeerHealth;
  /** What is wrong, in words; null when healthy. */
  readonly detail: string | null;
  readonly version: string | null;
  readonly agentId: string | null;
  readonly busy: boolean | null;
  /** Its run in progress. */
  readonly runId: string | null;
  /** Its own FPT_REGION differs from the registry's, in words. */
  readonly regionMismatch: string | null;
  /** How long its status call took. */
  readonly latencyMs: number | null;
}

export interface FleetStatus {
  /** "<region>/<agentId>" of this agent. */
  readonly coordinator: string;
  readonly peers: readonly PeerState[];
}

export type FleetRunStatus = 'running' | 'passed' | 'failed' | 'incomplete' | 'stopped' | 'error';

export type FleetAgentState =
  | 'starting'
  | 'running'
  | 'passed'
  | 'failed'
  | 'aborted'
  | 'stopped'
  | 'error'
  | 'busy'
  | 'refused'
  | 'unreachable'
  | 'timeout'
  | 'lost';

/** One agent's share of a region. */
export interface FleetAgentRun {
  /** The peer's id in the registry. */
  readonly peer: string;
  /** The agent's own FPT_AGENT_ID once it answered; null before. */
  readonly agentId: string | null;
  /** Its public URL (for people); links below are under it. */
  readonly url: string;
  /** Its share of the region's load: 0-based index of count equal shares. */
  readonly segment: { readonly index: number; readonly count: number };
  readonly state: FleetAgentState;
  readonly reason: string | null;
  /** The run's id in the agent's history; null when the run never started. */
  readonly runId: string | null;
  /** Absolute links to the agent's evidence of this run, on its public URL; null when the run never started. */
  readonly links: {
    readonly run: string;
    readonly summary: string;
    readonly report: string;
    readonly junit: string;
    readonly metrics: string;
  } | null;
  /** The agent's own figures for its share, once its run has ended. */
  readonly figures: KeyFigures | null;
}

export type FleetRegionStatus = 'running' | 'complete' | 'missing';

export interface FleetRegion {
  readonly region: string;
  readonly status: FleetRegionStatus;
  /** Why it is missing: "<peer id>: <what happened>". */
  readonly reason: string | null;
  /** The region's agents merged; null unless complete. */
  readonly figures: KeyFigures | null;
  /** The thresholds that apply to this region, on its data alone. */
  readonly thresholds: readonly SummaryThreshold[];
  readonly agents: readonly FleetAgentRun[];
}

export interface FleetRunRow {
  readonly kind: 'fleet';
  readonly id: string;
  readonly preset: string;
  readonly status: FleetRunStatus;
  /** "regions missing: eu-far (far-1: busy: ...)", "2 thresholds crossed (...)". */
  readonly reason: string | null;
  /** "<region>/<agentId>" of the coordinating agent. */
  readonly coordinator: string;
  readonly requestedRegions: readonly string[];
  readonly missingRegions: readonly string[];
  readonly overrides: RunOverrides;
  readonly tags: Readonly<Record<string, string>>;
  /** Epoch ms. */
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly durationMs: number | null;
  /** 0, 99 (thresholds crossed), 97 (regions missing), 105 (stopped). */
  readonly exitCode: number | null;
  /** Fleet-wide, every complete region merged; null until the end. */
  readonly figures: KeyFigures | null;
  /** Fleet-wide: the verdict's basis. */
  readonly thresholds: readonly SummaryThreshold[];
  /** In requestedRegions order; [] in the very first answer. */
  readonly regions: readonly FleetRegion[];
  readonly warnings: readonly string[];
  /** The merged evidence, on this agent. */
  readonly links: {
    readonly summary: string;
    readonly report: string;
    readonly junit: string;
    readonly metrics: string;
  };
}

export interface FleetRunsPage {
  readonly runs: readonly FleetRunRow[];
  readonly total: number;
}

export interface StartFleetRunRequest {
  readonly preset: string;
  /** Absent: the preset's regions, else every region of the registry. */
  readonly regions?: readonly string[];
  readonly overrides?: RunOverrides;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The merged live stream of a fleet run (GET /api/fleet/runs/:id/live): one second of every agent, per
 * region and fleet-wide, as docs/agent.md ("Fleet") defines it.
 */
export interface FleetLiveFigures extends SecondFigures {
  /** Since the start: every agent's own running total as of this second. */
  readonly totalRequests: number;
  readonly totalFailed: number;
  /** Agents whose runs started, and those whose point for this second is counted. */
  readonly agents: number;
  readonly reporting: number;
}

export interface FleetLiveRegion extends FleetLiveFigures {
  readonly region: string;
}

/** `event: point`: one second of the fleet run; p50/p95/p99 from the agents' histograms merged. */
export interface FleetLivePoint {
  /** From 1. */
  readonly second: number;
  readonly elapsedMs: number;
  /** The planned length, graceful stops left out. */
  readonly plannedMs: number;
  readonly fleet: FleetLiveFigures;
  /** Every requested region, in the run's order. */
  readonly regions: readonly FleetLiveRegion[];
}

export type LiveSourceState = 'waiting' | 'connecting' | 'live' | 'retrying' | 'ended' | 'off';

/** How the coordinator follows one agent's own live stream. */
export interface FleetLiveSource {
  readonly peer: string;
  readonly region: string;
  readonly state: LiveSourceState;
  /** Why it is retrying or off. */
  readonly reason: string | null;
}

/** `event: status`: every agent's stream, whenever one of them changes. */
export interface FleetLiveStatus {
  readonly sources: readonly FleetLiveSource[];
}
