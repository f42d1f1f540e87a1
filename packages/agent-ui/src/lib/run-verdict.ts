import type { GateVerdictJson, RunRow } from '@fpt/api-types';
import {
  firstReason,
  isCrossed,
  plural,
  type ThresholdDescription,
  VerdictExitCode,
  VerdictKind,
  type VerdictTone,
  verdictDetail,
  verdictOfExitCode,
  verdictOfStatus,
  verdictWords,
} from '@fpt/readable';
import { gateHeadline } from './gate-regressions.js';

export interface RunVerdict {
  readonly badge: string;
  /** Status is never colour alone: an icon and a word go with it. */
  readonly icon: string;
  readonly tone: VerdictTone;
  /** One line under the badge. */
  readonly detail: string;
  /** The first reason in words ("p(95) 603 ms ≥ 500 ms on http_req_duration"); absent when there is none. */
  readonly headline?: string;
}

/** What the run detail knows beyond the row: the summary's thresholds in words and the gate's verdict. */
export interface VerdictContext {
  readonly thresholds?: readonly ThresholdDescription[];
  readonly gate?: GateVerdictJson;
}

/**
 * The row's reason, unless it only counts what the verdict line counts already ("1 thresholds crossed"
 * under "1 of 3 thresholds crossed" says nothing).
 */
function rowReason(run: RunRow): string | undefined {
  if (!run.reason || /^\d+ thresholds? crossed$/.test(run.reason.trim())) return undefined;
  return run.reason;
}

/** The badge follows the exit code, as the HTML report's does; the status decides when there is none. */
function verdictOf(run: RunRow, judged: boolean): VerdictKind {
  if (run.status === 'running') return VerdictKind.running;
  if (run.status === 'error') return VerdictKind.error;
  const verdict =
    verdictOfExitCode(run.exitCode, judged) ?? verdictOfStatus(run.status, judged) ?? VerdictKind.aborted;
  // A summary written before the exit code carried the regression: the row's verdict still says so.
  const passed = verdict === VerdictKind.passed || verdict === VerdictKind.completed;
  return passed && run.verdict === 'regression' ? VerdictKind.regression : verdict;
}

/** The verdict block's badge, its line and the first reason, from a run's row and what the page loaded. */
export function runVerdict(run: RunRow, context: VerdictContext = {}): RunVerdict {
  const words = context.thresholds;
  const total = words ? words.length : (run.thresholdsPassed ?? 0) + (run.thresholdsFailed ?? 0);
  const crossed = words ? words.filter((t) => isCrossed(t.status)).length : (run.thresholdsFailed ?? 0);
  const reason = rowReason(run);
  const verdict = verdictOf(run, total > 0);
  // abortOnFail stopped the run: the threshold that did it is the reason.
  const abortedByThreshold = verdict === VerdictKind.failed && run.status === 'aborted';
  const firstCrossed = (words ? firstReason(words, abortedByThreshold)?.sentence : undefined) ?? reason;
  const regressed = run.verdict === 'regression' ? { regressedAgainst: '' } : {};
  const withHeadline = (detail: string, headline?: string | null): RunVerdict => ({
    ...verdictWords[verdict],
    detail,
    ...(headline ? { headline } : {}),
  });
  switch (verdict) {
    case VerdictKind.running:
      return withHeadline('in progress; figures are provisional');
    case VerdictKind.error:
      return withHeadline('the agent could not complete the run (not a verdict on the target)', run.reason);
    case VerdictKind.aborted:
      return withHeadline(`stopped early, partial data${reason ? `: ${reason}` : ''}`);
    case VerdictKind.passed:
    case VerdictKind.completed:
      return withHeadline(verdictDetail(verdict, { thresholds: total, crossed }));
    case VerdictKind.regression:
      return withHeadline(
        verdictDetail(verdict, { thresholds: total, crossed, regressedAgainst: '' }),
        context.gate ? gateHeadline(context.gate) : undefined,
      );
    case VerdictKind.failed:
      return withHeadline(
        verdictDetail(verdict, { thresholds: total, crossed, abortedByThreshold, ...regressed }),
        firstCrossed,
      );
    case VerdictKind.incomplete:
      return withHeadline(verdictDetail(verdict, { thresholds: total, crossed }), reason);
    case VerdictKind.stopped: {
      const stoppedBy =
        run.exitCode === VerdictExitCode.scriptAborted
          ? 'the script (exec.test.abort())'
          : (reason ?? 'a user');
      return withHeadline(
        verdictDetail(verdict, { thresholds: total, crossed, stoppedBy }),
        crossed > 0 ? firstCrossed : undefined,
      );
    }
  }
}

/** Whether the run ran its whole course: only then do its figures say something about the target. */
export function runCompleted(run: RunRow): boolean {
  return run.status === 'passed' || run.status === 'failed';
}

/** The thresholds' own state under the headline: "✓ 3 of 3 held", "✗ 1 of 3 crossed", "none defined". */
export function thresholdsState(run: RunRow, words?: readonly ThresholdDescription[]): string {
  const total = words ? words.length : (run.thresholdsPassed ?? 0) + (run.thresholdsFailed ?? 0);
  if (total === 0) return 'none defined, so nothing was judged';
  const crossedCount = words ? words.filter((t) => isCrossed(t.status)).length : (run.thresholdsFailed ?? 0);
  return crossedCount === 0
    ? `✓ ${total} of ${total} held`
    : `✗ ${crossedCount} of ${plural(total, 'threshold')} crossed`;
}

/**
 * The baseline's own state under the headline; undefined when the preset had no baseline. A partial run
 * is not judged against it, whatever gate.json says: a stopped run "within baseline" would mislead.
 */
export function baselineState(run: RunRow, gate?: GateVerdictJson): string | undefined {
  if (run.verdict === null || run.status === 'running') return undefined;
  const of = gate?.baseline.runId ? ` run ${gate.baseline.runId}` : '';
  if (!runCompleted(run)) return `not judged: the run did not complete, so its figures are partial`;
  if (run.verdict === 'regression') {
    const count = gate ? `: ${plural(gate.counts.regressions, 'regression')}` : '';
    return `✗ worse than baseline${of} beyond its tolerances${count}`;
  }
  const tolerances = gate
    ? ` (p95 +${gate.tolerances.p95IncreasePct} %, floor ${gate.tolerances.minAbsoluteMs} ms, errors +${gate.tolerances.errorRateIncreasePts} pp)`
    : '';
  return `✓ within the tolerances of baseline${of}${tolerances}`;
}
