import { keyFigures, type SummaryData } from '@fpt/report';
import { type BaselineVerdict, type RunRecord, RunStatus } from './run-row.js';

/** The row of a run whose agent died under it and left nothing behind. */
export const agentGoneReason =
  'the agent stopped during the run (crash or restart); its results are partial or missing';

/**
 * The final row of a run that an earlier agent process left marked running. The run process outlives a
 * killed agent for a moment (it notices the lost IPC channel, stops and still writes its summary), or it had
 * already finished when the agent died: so the summary, when there is one, is the truth about the run and
 * gives the row its figures, its exit code and its outcome. Without one, the run is aborted.
 */
export function recoveredRunRecord(
  record: RunRecord,
  summary: SummaryData | undefined,
  verdict: BaselineVerdict,
  now: number,
): RunRecord {
  if (!summary) {
    return { ...record, status: RunStatus.aborted, reason: agentGoneReason, endedAt: now, verdict };
  }
  const { outcome, abortReason, exitCode, thresholds } = summary.fpt;
  const endedAt = Date.parse(summary.fpt.endedAt);
  const crossed = thresholds.filter((t) => !t.ok).length;
  const { status, reason } =
    outcome === 'passed'
      ? { status: RunStatus.passed, reason: null }
      : outcome === 'thresholds-failed'
        ? { status: RunStatus.failed, reason: abortReason ?? `${crossed} thresholds crossed` }
        : outcome === 'aborted-by-threshold'
          ? {
              status: RunStatus.aborted,
              reason: abortReason ?? `${crossed} thresholds crossed (abortOnFail)`,
            }
          : {
              // Interrupted: the run stopped early, most likely because its agent went away.
              status: RunStatus.aborted,
              // Its own abortReason ("stopped by signal") would hide why: the IPC channel to its agent closed.
              reason:
                'the agent stopped during the run (crash or restart); the run stopped early, and its figures cover what it measured until then',
            };
  return {
    ...record,
    ...keyFigures(summary),
    status,
    reason,
    endedAt: Number.isFinite(endedAt) ? endedAt : now,
    durationMs: summary.state.testRunDurationMs,
    exitCode,
    verdict,
  };
}
