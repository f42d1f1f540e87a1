import type { ThresholdOutcome } from '@fpt/metrics';
import { FleetRunStatus } from '../run/fleet-run.js';
import { thresholdRegion } from './threshold-specs.js';

/** Exit codes of a fleet run: k6's, plus 97 (k6's code for a distributed cloud run that failed otherwise). */
export const FleetExitCode = {
  passed: 0,
  incomplete: 97,
  thresholdsFailed: 99,
  stopped: 105,
} as const;

export interface FleetVerdict {
  readonly status: FleetRunStatus;
  readonly exitCode: number;
  readonly reason: string | null;
}

/**
 * The one verdict from all regions. A threshold crossed on the data that arrived is a failure (99), even
 * with regions missing; a threshold with no data only because its region is missing does not count as
 * crossed. Without a crossed threshold, a missing region makes the run incomplete (97): it did not pass.
 */
export function fleetVerdict(
  thresholds: readonly ThresholdOutcome[],
  missing: readonly { readonly region: string; readonly reason: string }[],
  stopped: boolean,
): FleetVerdict {
  const missingRegions = new Set(missing.map((m) => m.region));
  const crossed = thresholds.filter((t) => {
    if (t.ok) return false;
    const region = thresholdRegion(t.metric);
    return !(t.noData && region !== undefined && missingRegions.has(region));
  });
  const missingText =
    missing.length > 0
      ? `regions missing: ${missing.map((m) => `${m.region} (${m.reason})`).join('; ')}`
      : '';
  if (stopped) {
    return {
      status: FleetRunStatus.stopped,
      exitCode: FleetExitCode.stopped,
      reason: ['stopped on request: partial results', missingText].filter(Boolean).join('; '),
    };
  }
  if (crossed.length > 0) {
    const first = crossed[0]!;
    return {
      status: FleetRunStatus.failed,
      exitCode: FleetExitCode.thresholdsFailed,
      reason: [
        `${crossed.length} ${crossed.length === 1 ? 'threshold' : 'thresholds'} crossed (first: ${first.metric} ${first.expression}${first.noData ? ', no data' : ''})`,
        missingText,
      ]
        .filter(Boolean)
        .join('; '),
    };
  }
  if (missing.length > 0) {
    return { status: FleetRunStatus.incomplete, exitCode: FleetExitCode.incomplete, reason: missingText };
  }
  return { status: FleetRunStatus.passed, exitCode: FleetExitCode.passed, reason: null };
}
