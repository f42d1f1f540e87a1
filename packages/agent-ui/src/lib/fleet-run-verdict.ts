import type { FleetRunRow } from '@fpt/api-types';
import { VerdictKind, verdictDetail, verdictOfStatus, verdictWords } from '@fpt/readable';
import type { RunVerdict } from './run-verdict.js';

/**
 * A fleet run's badge and first line. INCOMPLETE is its own word: what arrived held, but some regions
 * delivered nothing, so there is no verdict on the whole fleet.
 */
export function fleetRunVerdict(run: FleetRunRow): RunVerdict {
  const thresholds = run.thresholds.length;
  const facts = { thresholds, crossed: run.thresholds.filter((t) => !t.ok).length };
  const verdict = verdictOfStatus(run.status, thresholds > 0) ?? VerdictKind.error;
  return { ...verdictWords[verdict], detail: fleetDetail(run, verdict, facts) };
}

function fleetDetail(run: FleetRunRow, verdict: VerdictKind, facts: { thresholds: number; crossed: number }) {
  switch (verdict) {
    case VerdictKind.running:
      return `in progress in ${run.requestedRegions.join(', ')}; the merged figures come at the end`;
    case VerdictKind.completed:
      return `every region delivered; ${verdictDetail(verdict, facts)}`;
    case VerdictKind.passed:
      return `every region delivered and ${verdictDetail(verdict, facts)} on the merged data`;
    case VerdictKind.failed:
      return run.reason ?? verdictDetail(verdict, facts);
    case VerdictKind.incomplete:
      return run.reason ?? verdictDetail(verdict, { ...facts, missingRegions: run.missingRegions });
    case VerdictKind.stopped:
      return run.reason ?? 'stopped on request; what the agents measured so far is merged';
    default:
      return `the coordinator could not finish the fleet run (not a verdict on the target)${run.reason ? `: ${run.reason}` : ''}`;
  }
}
