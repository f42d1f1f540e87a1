import { compactUtcTimestamp, type ThresholdOutcome } from '@fpt/metrics';
import type { LoadOverrides } from '@fpt/preset';
import type { FleetRegion, KeyFigures } from '@fpt/report';

/** How a fleet run ended, or that it is still going. */
export const FleetRunStatus = {
  running: 'running',
  /** Every region delivered, every threshold held on the merged data. */
  passed: 'passed',
  /** A threshold was crossed on the data that arrived (missing regions or not). */
  failed: 'failed',
  /** What arrived held, but regions are missing: no verdict on the whole. */
  incomplete: 'incomplete',
  /** Stopped on request; the merged data is partial. */
  stopped: 'stopped',
  /** The coordinator could not finish (it stopped, or hit an internal error). */
  error: 'error',
} as const;
export type FleetRunStatus = (typeof FleetRunStatus)[keyof typeof FleetRunStatus];

/** What to run where. */
export interface FleetRunRequest {
  readonly id: string;
  /** The preset's name on the agents (their presets folder). */
  readonly preset: string;
  /** Regions to run in, in the order the result lists them. */
  readonly regions: readonly string[];
  readonly overrides: LoadOverrides;
  /** Added to every agent's run (and so to every sample), beside `fleet_run=<id>`. */
  readonly tags: Readonly<Record<string, string>>;
}

/** A fleet run as the coordinator's API returns it and its history keeps it (docs/agent.md). */
export interface FleetRun {
  readonly kind: 'fleet';
  readonly id: string;
  readonly preset: string;
  readonly status: FleetRunStatus;
  /** Why it failed, is incomplete, stopped or errored, in words. */
  readonly reason: string | null;
  /** "<region>/<agent id>" of the coordinating agent, or "cli". */
  readonly coordinator: string;
  readonly requestedRegions: readonly string[];
  readonly missingRegions: readonly string[];
  readonly overrides: LoadOverrides;
  readonly tags: Readonly<Record<string, string>>;
  /** Epoch ms. */
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly durationMs: number | null;
  /** 0 passed, 99 thresholds crossed, 97 regions missing, 105 stopped (docs/outputs.md). */
  readonly exitCode: number | null;
  /** Fleet-wide, from every complete region's data merged; null until the end. */
  readonly figures: KeyFigures | null;
  /** Fleet-wide threshold outcomes, the verdict's basis. */
  readonly thresholds: readonly ThresholdOutcome[];
  readonly regions: readonly FleetRegion[];
  readonly warnings: readonly string[];
}

/** A sortable, unique id: UTC start, "fleet", the preset, a random suffix. */
export function newFleetRunId(preset: string, at: Date, random: string): string {
  return `${compactUtcTimestamp(at)}-fleet-${preset}-${random}`;
}

/** A fleet run as it is the moment it starts: running, nothing known yet of its regions. */
export function startingFleetRun(request: FleetRunRequest, coordinator: string, startedAt: number): FleetRun {
  return {
    kind: 'fleet',
    id: request.id,
    preset: request.preset,
    status: FleetRunStatus.running,
    reason: null,
    coordinator,
    requestedRegions: [...request.regions],
    missingRegions: [],
    overrides: request.overrides,
    tags: request.tags,
    startedAt,
    endedAt: null,
    durationMs: null,
    exitCode: null,
    figures: null,
    thresholds: [],
    regions: [],
    warnings: [],
  };
}
